@description('The CrewBuilder Functions app on the Flex Consumption plan, running as the user-assigned identity.')
param name string
param planName string
param location string
param tags object
param settings settingsType

type settingsType = {
  identityId: string
  identityClientId: string
  storageAccountName: string
  deploymentContainerUrl: string
  applicationInsightsName: string
  keyVaultUri: string
  authAuthority: string
  authAudience: string
  authClientId: string
  authScope: string
  stripePrices: { basic: string, professional: string, generation: string }
  @description('The management endpoint of the runnable gate\'s session pool; empty for none.')
  sandboxPoolEndpoint: string
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: settings.applicationInsightsName
}

var vaultName = split(replace(settings.keyVaultUri, 'https://', ''), '.')[0]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${settings.identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: settings.identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: settings.deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: settings.identityId
          }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      // At most four instances run orchestrations (host.json's four partitions); more only add model calls in flight,
      // which the providers' rate limits cap first. 40 is the plan's lowest limit. See the README's Deploy section.
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        // Storage through the managed identity: no account key anywhere.
        { name: 'AzureWebJobsStorage__accountName', value: settings.storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: settings.identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${settings.identityClientId};Authorization=AAD' }
        { name: 'KeyVault__Uri', value: settings.keyVaultUri }
        { name: 'AZURE_CLIENT_ID', value: settings.identityClientId } // DefaultAzureCredential picks the user-assigned identity
        { name: 'Auth__Authority', value: settings.authAuthority }
        { name: 'Auth__Audience', value: settings.authAudience }
        { name: 'Auth__ClientId', value: settings.authClientId }
        { name: 'Auth__Scope', value: settings.authScope }
        { name: 'Auth__TrustForwardedFor', value: 'true' } // behind Azure's front ends the client is the first X-Forwarded-For hop
        { name: 'Platform__OpenAiApiKey', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=platform-openai-api-key)' }
        { name: 'Platform__AnthropicApiKey', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=platform-anthropic-api-key)' }
        { name: 'Stripe__SecretKey', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=stripe-secret-key)' }
        { name: 'Stripe__WebhookSecret', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=stripe-webhook-secret)' }
        { name: 'Billing__Prices__basic', value: settings.stripePrices.basic }
        { name: 'Billing__Prices__professional', value: settings.stripePrices.professional }
        { name: 'Billing__Prices__generation', value: settings.stripePrices.generation }
        { name: 'Sandbox__PoolEndpoint', value: settings.sandboxPoolEndpoint } // the runnable gate's session pool; empty: the local python3
      ]
    }
  }
}

output id string = app.id
output name string = app.name
