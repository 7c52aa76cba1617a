// One service of the hub as a container app, with its own user-assigned identity and exactly the Service Bus rights
// its queues need: Data Sender on the queues it writes, Data Receiver on the queues it reads, nothing on the namespace.
param name string
param serviceName string
param flowId string
param location string
param tags object
param containerAppsEnvironmentId string
param registryName string
param serviceBusNamespaceName string
param applicationInsightsName string

@description('TCP port of the MLLP listener, exposed inside the virtual network on the same port; 0 for no ingress.')
param ingressPort int

@description('TCP health probe port (HEALTH_CHECK_PORT).')
param healthPort int

param minReplicas int
param maxReplicas int

@description('The service\'s own settings: { name, value } pairs.')
param env array

param sendQueues array
param receiveQueues array

var dataSender = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
var dataReceiver = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
var acrPull = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
var monitoringMetricsPublisher = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${name}'
  location: location
  tags: tags
}

resource bus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource sendTo 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [for queue in sendQueues: {
  parent: bus
  name: queue
}]

resource receiveFrom 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [for queue in receiveQueues: {
  parent: bus
  name: queue
}]

resource maySend 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queue, i) in sendQueues: {
  name: guid(sendTo[i].id, identity.id, dataSender)
  scope: sendTo[i]
  properties: {
    roleDefinitionId: dataSender
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource mayReceive 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (queue, i) in receiveQueues: {
  name: guid(receiveFrom[i].id, identity.id, dataReceiver)
  scope: receiveFrom[i]
  properties: {
    roleDefinitionId: dataReceiver
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource mayPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPull)
  scope: registry
  properties: {
    roleDefinitionId: acrPull
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource mayPublishTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: monitoringMetricsPublisher
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Reached with the app's identity: the namespace, the identity's client id, and telemetry with Entra auth.
var platformEnv = [
  {
    name: 'SERVICE_BUS_NAMESPACE'
    value: '${bus.name}.servicebus.windows.net'
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: insights.properties.ConnectionString
  }
  {
    name: 'INSIGHTS_UAMI_CLIENT_ID'
    value: identity.properties.clientId
  }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
    'integration-hub-flow': flowId
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    environmentId: containerAppsEnvironmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      // Internal TCP ingress for MLLP; transformers and senders take no connections at all.
      ingress: ingressPort == 0 ? null : {
        external: false
        transport: 'tcp'
        targetPort: ingressPort
        exposedPort: ingressPort
      }
    }
    template: {
      // Longer than the services' own 30 s shutdown window (ServiceDefaults), so a stopping service finishes or
      // releases the message in hand before the platform kills it (the default grace is 30 s, the same as that window).
      terminationGracePeriodSeconds: 45
      containers: [
        {
          name: serviceName
          // Replaced by `azd deploy` with the image the .NET SDK builds from the service's project.
          image: 'mcr.microsoft.com/dotnet/runtime:10.0'
          env: concat(env, platformEnv)
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              // The probe port is open only while the bus is reachable too. Readiness reacts at once; liveness
              // restarts a service only after 5 minutes (10 failures, the platform's most, 30 s apart), so a short
              // Service Bus outage does not become a restart loop (a restart cannot bring the bus back, and it
              // interrupts the message in hand).
              type: 'Liveness'
              tcpSocket: {
                port: healthPort
              }
              initialDelaySeconds: 10
              periodSeconds: 30
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              tcpSocket: {
                port: healthPort
              }
              periodSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        // Only scalable (stateless) servers get a rule: scale on open MLLP connections.
        rules: maxReplicas > minReplicas ? [
          {
            name: 'mllp-connections'
            tcp: {
              metadata: {
                concurrentConnections: '20'
              }
            }
          }
        ] : []
      }
    }
  }
  dependsOn: [
    mayPull
  ]
}

output name string = app.name
output principalId string = identity.properties.principalId
