// What every flow shares: the virtual network, logs and telemetry, the image registry, the Service Bus namespace and
// the Container Apps environment (internal only: nothing is reachable from outside the virtual network).
param environmentName string
param location string
param serviceBusSku string
param serviceBusNamespaceName string
param registryName string
param logAnalyticsName string
param applicationInsightsName string
param tags object

var premium = serviceBusSku == 'Premium'

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-inthub-${environmentName}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.40.0.0/16'
      ]
    }
    subnets: [
      {
        // Container Apps (workload profiles) needs a subnet of its own, delegated to it.
        name: 'container-apps'
        properties: {
          addressPrefix: '10.40.0.0/23'
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: '10.40.2.0/24'
        }
      }
    ]
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only with an Entra token (each app's identity), so the connection string grants nothing.
    DisableLocalAuth: true
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

resource bus 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: serviceBusNamespaceName
  location: location
  tags: tags
  sku: premium ? {
    name: 'Premium'
    tier: 'Premium'
    capacity: 1
  } : {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Entra ID only: no shared access keys exist to leak.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: premium ? 'Disabled' : 'Enabled'
  }
}

// Premium only: the namespace is reached through a private endpoint in the virtual network.
resource busDns 'Microsoft.Network/privateDnsZones@2020-06-01' = if (premium) {
  name: 'privatelink.servicebus.windows.net'
  location: 'global'
  tags: tags
}

resource busDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = if (premium) {
  parent: busDns
  name: 'vnet-inthub-${environmentName}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: network.id
    }
  }
}

resource busEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = if (premium) {
  name: 'pe-sb-inthub-${environmentName}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: network.properties.subnets[1].id
    }
    privateLinkServiceConnections: [
      {
        name: 'service-bus'
        properties: {
          privateLinkServiceId: bus.id
          groupIds: [
            'namespace'
          ]
        }
      }
    ]
  }
}

resource busEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = if (premium) {
  parent: busEndpoint
  name: 'service-bus'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'service-bus'
        properties: {
          privateDnsZoneId: busDns.id
        }
      }
    ]
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'cae-inthub-${environmentName}'
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: network.properties.subnets[0].id
      // Internal: ingress gets a private address only; MLLP sources connect from inside the network (or peered ones).
      internal: true
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    // Logs go to Log Analytics through a diagnostic setting, so no workspace key is handed to the environment.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: logs.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

output serviceBusHost string = '${bus.name}.servicebus.windows.net'
output containerAppsEnvironmentId string = environment.id
output registryLoginServer string = registry.properties.loginServer
