@description('The runnable gate\'s sandbox: a Container Apps environment with a session pool of custom containers (infra/sandbox, crewai installed) whose sessions reach no network; the app\'s identity may run sessions in it.')
param environmentName string
param poolName string
param location string
param tags object

@description('The gate image built from infra/sandbox/Dockerfile, in a registry the pool can pull from.')
param image string

@description('The identity that calls the pool\'s management API (the function app\'s).')
param executorPrincipalId string

var sessionExecutor = '0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0' // Azure ContainerApps Session Executor

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
  }
}

resource pool 'Microsoft.App/sessionPools@2025-01-01' = {
  name: poolName
  location: location
  tags: tags
  properties: {
    environmentId: environment.id
    poolManagementType: 'Dynamic'
    containerType: 'CustomContainer'
    scaleConfiguration: { maxConcurrentSessions: 20, readySessionInstances: 1 }
    dynamicPoolConfiguration: { lifecycleConfiguration: { lifecycleType: 'Timed', cooldownPeriodInSeconds: 300 } }
    customContainerTemplate: {
      containers: [
        {
          name: 'gate'
          image: image
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: [{ name: 'GATE_TIME_LIMIT', value: '170' }]
        }
      ]
      ingress: { targetPort: 8080 }
    }
    sessionNetworkConfiguration: { status: 'EgressDisabled' }
  }
}

resource executor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: pool
  name: guid(pool.id, executorPrincipalId, sessionExecutor)
  properties: {
    principalId: executorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sessionExecutor)
  }
}

output poolManagementEndpoint string = pool.properties.poolManagementEndpoint
