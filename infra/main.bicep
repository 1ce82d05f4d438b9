targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; part of every resource name.')
param environmentName string

@minLength(1)
@description('Primary region for all resources.')
param location string

@description('Optional second region: a standby function app there shares storage and Key Vault (see README, Deploy to Azure).')
param secondaryLocation string = ''

@description('Object id of the person deploying, granted Key Vault Secrets Officer to set platform keys. Empty to skip.')
param principalId string = ''

@allowed(['westus2', 'centralus', 'eastus2', 'westeurope', 'eastasia'])
@description('Region of the Static Web App (a global service with few regions to choose from).')
param staticWebAppLocation string = 'westeurope'

@allowed(['Enabled', 'Disabled'])
@description('Public network access to Key Vault; Disabled requires private endpoints you add yourself.')
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('OIDC issuer of the Entra External ID tenant (Auth__Authority).')
param authAuthority string = ''

@description('OIDC audience: the application (client) id of the API registration (Auth__Audience).')
param authAudience string = ''

@description('Client id of the site\'s single-page application registration (Auth__ClientId).')
param authClientId string = ''

@description('Scope the site requests for the API, e.g. api://<api-client-id>/access (Auth__Scope).')
param authScope string = ''

@description('Stripe price ids of the offers (Billing__Prices__*): monthly Basic and Professional, and the $5 one-off generation.')
param stripePrices object = { basic: '', professional: '', generation: '' }

@description('The runnable gate\'s image (built from infra/sandbox/Dockerfile and pushed to a registry the pool can pull from). Empty: no session pool, and the gate runs on the app\'s own python3 if it has crewai (else it says "not verified here").')
param sandboxImage string = ''

@description('Organisations\' own hostnames served by the static web app (white-label), comma-separated, e.g. crews.acme.com,ai.contoso.com.')
param whiteLabelHostnames string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    publicNetworkAccess: keyVaultPublicNetworkAccess
  }
}

module rbac 'modules/rbac.bicep' = {
  scope: resourceGroup
  params: {
    identityPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    deployerPrincipalId: principalId
  }
}

module sandbox 'modules/sessionpool.bicep' = if (!empty(sandboxImage)) {
  scope: resourceGroup
  params: {
    environmentName: '${abbrs.appManagedEnvironments}${resourceToken}'
    poolName: 'sp-gate-${resourceToken}'
    location: location
    tags: tags
    image: sandboxImage
    executorPrincipalId: identity.outputs.principalId
  }
}

var functionSettings = {
  sandboxPoolEndpoint: sandbox.?outputs.poolManagementEndpoint ?? ''
  identityId: identity.outputs.id
  identityClientId: identity.outputs.clientId
  storageAccountName: storage.outputs.name
  deploymentContainerUrl: storage.outputs.deploymentContainerUrl
  applicationInsightsName: monitoring.outputs.applicationInsightsName
  keyVaultUri: keyVault.outputs.uri
  authAuthority: authAuthority
  authAudience: authAudience
  authClientId: authClientId
  authScope: authScope
  stripePrices: stripePrices
}

module api 'modules/functionapp.bicep' = {
  scope: resourceGroup
  dependsOn: [rbac]
  params: {
    name: '${abbrs.webSitesFunctions}${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    settings: functionSettings
  }
}

module standbyApi 'modules/functionapp.bicep' = if (!empty(secondaryLocation)) {
  scope: resourceGroup
  dependsOn: [rbac]
  params: {
    name: '${abbrs.webSitesFunctions}${resourceToken}-2'
    planName: '${abbrs.webServerFarms}${resourceToken}-2'
    location: empty(secondaryLocation) ? location : secondaryLocation
    tags: tags
    settings: functionSettings
  }
}

module web 'modules/staticwebapp.bicep' = {
  scope: resourceGroup
  params: {
    name: '${abbrs.webStaticSites}${resourceToken}'
    location: staticWebAppLocation
    tags: union(tags, { 'azd-service-name': 'web' })
    functionAppId: api.outputs.id
    customDomains: filter(map(split(whiteLabelHostnames, ','), host => trim(host)), host => !empty(host))
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STATIC_WEB_APP_URL string = web.outputs.url
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_WEB_NAME string = web.outputs.name
