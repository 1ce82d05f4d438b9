@description('The front end, with the function app linked as its /api backend.')
param name string
param location string
param tags object
param functionAppId string

@description('Organisations\' own hostnames (white-label), each a subdomain whose CNAME points at this site\'s default hostname.')
param customDomains array = []

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    stagingEnvironmentPolicy: 'Enabled'
    allowConfigFileUpdates: true
  }
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: location
  }
}

// CNAME delegation: Azure checks the hostname's CNAME and issues its TLS certificate. The organisation proves the hostname
// to CrewBuilder separately (a TXT record, verified by the API), which is what turns its brand on.
resource domains 'Microsoft.Web/staticSites/customDomains@2024-04-01' = [for domain in customDomains: {
  parent: site
  name: domain
  properties: {
    validationMethod: 'cname-delegation'
  }
}]

output name string = site.name
output url string = 'https://${site.properties.defaultHostname}'
