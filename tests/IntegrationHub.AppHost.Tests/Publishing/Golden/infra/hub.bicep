// The hub's queues and services, from the AppHost's model. Written by `dotnet run --project IntegrationHub.AppHost --
// publish`; edit the model and publish again rather than this file.
param environmentName string
param location string
param tags object
param serviceBusNamespaceName string
param containerAppsEnvironmentId string
param registryName string
param applicationInsightsName string
param mpiHost string
param mpiPort int

resource bus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource queueInthubMessagestore 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-messagestore'
  properties: {
    requiresSession: false
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubAudit 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-audit'
  properties: {
    requiresSession: false
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'PT1H'
    deadLetteringOnMessageExpiration: false
    requiresDuplicateDetection: false
  }
}

resource queueInthubPhwTransformerIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-phw-transformer-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubPhwSenderIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-phw-sender-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubParisSenderIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-paris-sender-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubChemoTransformerIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-chemo-transformer-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubChemoSenderIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-chemo-sender-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubPimsTransformerIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-pims-transformer-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

resource queueInthubPimsSenderIngress 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: bus
  name: 'inthub-pims-sender-ingress'
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
  }
}

// phw-server: 1-10 replicas (stateless: ACKs only after the broker accepted the message).
module appPhwServer 'app.bicep' = {
  name: 'app-phw-server'
  params: {
    name: '${environmentName}-phw-server'
    serviceName: 'phw-server'
    flowId: 'phw-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 2575
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 10
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'phw-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'phw_hl7_server'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PHW'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'HOST'
        value: '0.0.0.0'
      }
      {
        name: 'PORT'
        value: '2575'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-phw-transformer-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'phw-to-mpi'
      }
      {
        name: 'HL7_VERSION'
        value: '2.5'
      }
      {
        name: 'SENDING_APP'
        value: '252'
      }
      {
        name: 'HL7_VALIDATION_FLOW'
        value: 'phw'
      }
      {
        name: 'MAX_MESSAGE_SIZE_BYTES'
        value: '1048576'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubPhwTransformerIngress.name
      queueInthubMessagestore.name
    ]
    receiveQueues: []
  }
}

// phw-transformer: 1-1 replicas (reads one session in order; a second copy could only wait for its lock).
module appPhwTransformer 'app.bicep' = {
  name: 'app-phw-transformer'
  params: {
    name: '${environmentName}-phw-transformer'
    serviceName: 'phw-transformer'
    flowId: 'phw-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'phw-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'phw_hl7_transformer'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PHW'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-phw-transformer-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'phw-to-mpi'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-phw-sender-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubPhwSenderIngress.name
    ]
    receiveQueues: [
      queueInthubPhwTransformerIngress.name
    ]
  }
}

// phw-sender: 1-1 replicas (delivers in order to the MPI and keeps the duplicate log on local disk).
module appPhwSender 'app.bicep' = {
  name: 'app-phw-sender'
  params: {
    name: '${environmentName}-phw-sender'
    serviceName: 'phw-sender'
    flowId: 'phw-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'phw-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'phw_hl7_sender'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PHW'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-phw-sender-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'RECEIVER_MLLP_HOST'
        value: mpiHost
      }
      {
        name: 'RECEIVER_MLLP_PORT'
        value: string(mpiPort)
      }
      {
        name: 'ACK_TIMEOUT_SECONDS'
        value: '30'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubMessagestore.name
    ]
    receiveQueues: [
      queueInthubPhwSenderIngress.name
    ]
  }
}

// paris-server: 1-10 replicas (stateless: ACKs only after the broker accepted the message).
module appParisServer 'app.bicep' = {
  name: 'app-paris-server'
  params: {
    name: '${environmentName}-paris-server'
    serviceName: 'paris-server'
    flowId: 'paris-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 2577
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 10
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'paris-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'paris_hl7_server'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PARIS'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'HOST'
        value: '0.0.0.0'
      }
      {
        name: 'PORT'
        value: '2577'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-paris-sender-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'HL7_VERSION'
        value: '2.5.1'
      }
      {
        name: 'SENDING_APP'
        value: '169'
      }
      {
        name: 'HL7_VALIDATION_FLOW'
        value: 'paris'
      }
      {
        name: 'MAX_MESSAGE_SIZE_BYTES'
        value: '1048576'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubParisSenderIngress.name
      queueInthubMessagestore.name
    ]
    receiveQueues: []
  }
}

// paris-sender: 1-1 replicas (delivers in order to the MPI and keeps the duplicate log on local disk).
module appParisSender 'app.bicep' = {
  name: 'app-paris-sender'
  params: {
    name: '${environmentName}-paris-sender'
    serviceName: 'paris-sender'
    flowId: 'paris-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'paris-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'paris_hl7_sender'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PARIS'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-paris-sender-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'RECEIVER_MLLP_HOST'
        value: mpiHost
      }
      {
        name: 'RECEIVER_MLLP_PORT'
        value: string(mpiPort)
      }
      {
        name: 'ACK_TIMEOUT_SECONDS'
        value: '30'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubMessagestore.name
    ]
    receiveQueues: [
      queueInthubParisSenderIngress.name
    ]
  }
}

// chemo-server: 1-10 replicas (stateless: ACKs only after the broker accepted the message).
module appChemoServer 'app.bicep' = {
  name: 'app-chemo-server'
  params: {
    name: '${environmentName}-chemo-server'
    serviceName: 'chemo-server'
    flowId: 'chemocare-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 2578
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 10
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'chemocare-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'chemocare_hl7_server'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'CHEMO'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'HOST'
        value: '0.0.0.0'
      }
      {
        name: 'PORT'
        value: '2578'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-chemo-transformer-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'chemocare-to-mpi'
      }
      {
        name: 'HL7_VERSION'
        value: '2.4'
      }
      {
        name: 'SENDING_APP'
        value: '245,212,192,224'
      }
      {
        name: 'HL7_VALIDATION_FLOW'
        value: 'chemo'
      }
      {
        name: 'MAX_MESSAGE_SIZE_BYTES'
        value: '1048576'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubChemoTransformerIngress.name
      queueInthubMessagestore.name
    ]
    receiveQueues: []
  }
}

// chemo-transformer: 1-1 replicas (reads one session in order; a second copy could only wait for its lock).
module appChemoTransformer 'app.bicep' = {
  name: 'app-chemo-transformer'
  params: {
    name: '${environmentName}-chemo-transformer'
    serviceName: 'chemo-transformer'
    flowId: 'chemocare-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'chemocare-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'chemo_hl7_transformer'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'CHEMO'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-chemo-transformer-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'chemocare-to-mpi'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-chemo-sender-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubChemoSenderIngress.name
    ]
    receiveQueues: [
      queueInthubChemoTransformerIngress.name
    ]
  }
}

// chemo-sender: 1-1 replicas (delivers in order to the MPI and keeps the duplicate log on local disk).
module appChemoSender 'app.bicep' = {
  name: 'app-chemo-sender'
  params: {
    name: '${environmentName}-chemo-sender'
    serviceName: 'chemo-sender'
    flowId: 'chemocare-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'chemocare-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'chemo_hl7_sender'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'CHEMO'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-chemo-sender-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'RECEIVER_MLLP_HOST'
        value: mpiHost
      }
      {
        name: 'RECEIVER_MLLP_PORT'
        value: string(mpiPort)
      }
      {
        name: 'ACK_TIMEOUT_SECONDS'
        value: '30'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubMessagestore.name
    ]
    receiveQueues: [
      queueInthubChemoSenderIngress.name
    ]
  }
}

// pims-server: 1-10 replicas (stateless: ACKs only after the broker accepted the message).
module appPimsServer 'app.bicep' = {
  name: 'app-pims-server'
  params: {
    name: '${environmentName}-pims-server'
    serviceName: 'pims-server'
    flowId: 'pims-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 2579
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 10
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'pims-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'pims_hl7_server'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PIMS'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'HOST'
        value: '0.0.0.0'
      }
      {
        name: 'PORT'
        value: '2579'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-pims-transformer-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'pims-to-mpi'
      }
      {
        name: 'HL7_VERSION'
        value: '2.3.1'
      }
      {
        name: 'SENDING_APP'
        value: 'PIMS'
      }
      {
        name: 'HL7_VALIDATION_FLOW'
        value: 'pims'
      }
      {
        name: 'MAX_MESSAGE_SIZE_BYTES'
        value: '1048576'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubPimsTransformerIngress.name
      queueInthubMessagestore.name
    ]
    receiveQueues: []
  }
}

// pims-transformer: 1-1 replicas (reads one session in order; a second copy could only wait for its lock).
module appPimsTransformer 'app.bicep' = {
  name: 'app-pims-transformer'
  params: {
    name: '${environmentName}-pims-transformer'
    serviceName: 'pims-transformer'
    flowId: 'pims-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'pims-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'pims_hl7_transformer'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PIMS'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-pims-transformer-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'pims-to-mpi'
      }
      {
        name: 'EGRESS_QUEUE_NAME'
        value: 'inthub-pims-sender-ingress'
      }
      {
        name: 'EGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubPimsSenderIngress.name
    ]
    receiveQueues: [
      queueInthubPimsTransformerIngress.name
    ]
  }
}

// pims-sender: 1-1 replicas (delivers in order to the MPI and keeps the duplicate log on local disk).
module appPimsSender 'app.bicep' = {
  name: 'app-pims-sender'
  params: {
    name: '${environmentName}-pims-sender'
    serviceName: 'pims-sender'
    flowId: 'pims-to-mpi'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironmentId
    registryName: registryName
    serviceBusNamespaceName: bus.name
    applicationInsightsName: applicationInsightsName
    ingressPort: 0
    healthPort: 9000
    minReplicas: 1
    maxReplicas: 1
    env: [
      {
        name: 'WORKFLOW_ID'
        value: 'pims-to-mpi'
      }
      {
        name: 'MICROSERVICE_ID'
        value: 'pims_hl7_sender'
      }
      {
        name: 'HEALTH_BOARD'
        value: 'PIMS'
      }
      {
        name: 'PEER_SERVICE'
        value: 'MPI'
      }
      {
        name: 'LOG_LEVEL'
        value: 'INFO'
      }
      {
        name: 'HEALTH_CHECK_HOST'
        value: '0.0.0.0'
      }
      {
        name: 'HEALTH_CHECK_PORT'
        value: '9000'
      }
      {
        name: 'AUDIT_QUEUE_NAME'
        value: 'inthub-audit'
      }
      {
        name: 'INGRESS_QUEUE_NAME'
        value: 'inthub-pims-sender-ingress'
      }
      {
        name: 'INGRESS_SESSION_ID'
        value: 'mpi'
      }
      {
        name: 'RECEIVER_MLLP_HOST'
        value: mpiHost
      }
      {
        name: 'RECEIVER_MLLP_PORT'
        value: string(mpiPort)
      }
      {
        name: 'ACK_TIMEOUT_SECONDS'
        value: '30'
      }
      {
        name: 'MESSAGE_STORE_QUEUE_NAME'
        value: 'inthub-messagestore'
      }
      {
        name: 'DOTNET_GCgen0size'
        value: '400000'
      }
      {
        name: 'DOTNET_GCRegionSize'
        value: '100000'
      }
      {
        name: 'DOTNET_TieredPGO'
        value: '0'
      }
    ]
    sendQueues: [
      queueInthubAudit.name
      queueInthubMessagestore.name
    ]
    receiveQueues: [
      queueInthubPimsSenderIngress.name
    ]
  }
}

