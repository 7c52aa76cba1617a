// The Integration Hub on Azure Container Apps. Written by `dotnet run --project IntegrationHub.AppHost -- publish`;
// edit the AppHost's model and publish again rather than this file.
targetScope = 'subscription'

@description('The environment: part of every resource name, and of the resource group\'s.')
@allowed([
  'dev'
  'test'
  'preprod'
  'prod'
])
param environmentName string

@description('The Azure region of every resource.')
param location string

@description('Service Bus tier. Sessions (FIFO per flow) need Standard or above; Premium adds a private endpoint and no public access.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Premium'

@description('Host name or address of the Master Patient Index\'s MLLP listener, reachable from the virtual network.')
param mpiHost string

@description('TCP port of the Master Patient Index\'s MLLP listener.')
@minValue(1)
@maxValue(65535)
param mpiPort int

// Names are decided here, from parameters only, so What-If can predict every resource the modules touch.
var suffix = uniqueString(subscription().id, environmentName)
var names = {
  serviceBus: 'sb-inthub-${environmentName}-${suffix}'
  registry: 'crinthub${environmentName}${suffix}'
  logs: 'log-inthub-${environmentName}-${suffix}'
  insights: 'appi-inthub-${environmentName}-${suffix}'
}

var tags = {
  'azd-env-name': environmentName
  'integration-hub-environment': environmentName
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-inthub-${environmentName}'
  location: location
  tags: tags
}

module platform 'platform.bicep' = {
  name: 'platform'
  scope: group
  params: {
    environmentName: environmentName
    location: location
    serviceBusSku: serviceBusSku
    serviceBusNamespaceName: names.serviceBus
    registryName: names.registry
    logAnalyticsName: names.logs
    applicationInsightsName: names.insights
    tags: tags
  }
}

module hub 'hub.bicep' = {
  name: 'hub'
  scope: group
  params: {
    environmentName: environmentName
    location: location
    tags: tags
    serviceBusNamespaceName: names.serviceBus
    containerAppsEnvironmentId: platform.outputs.containerAppsEnvironmentId
    registryName: names.registry
    applicationInsightsName: names.insights
    mpiHost: mpiHost
    mpiPort: mpiPort
  }
}

output AZURE_CONTAINER_REGISTRY_ENDPOINT string = platform.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = platform.outputs.containerAppsEnvironmentId
output SERVICE_BUS_NAMESPACE string = platform.outputs.serviceBusHost
