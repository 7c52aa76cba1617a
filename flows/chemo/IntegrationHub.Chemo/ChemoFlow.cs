namespace IntegrationHub.Chemo;

/// <summary>
/// The Chemocare flow's facts for local runs (spec §1, §21). One deliberate difference from the existing system:
/// the flow has its own sender and post-transform queue, so a stuck message here never blocks another flow.
/// </summary>
public static class ChemoFlow
{
    /// <summary>WORKFLOW_ID in events, metrics and bus properties.</summary>
    public const string WorkflowId = "chemocare-to-mpi";

    /// <summary>SENDING_APP allow-list (MSH-3): 245 SEW, 212 BCU, 192 SWW, 224 VEL.</summary>
    public const string SendingApps = "245,212,192,224";

    /// <summary>HL7_VERSION: MSH-12 must be exactly this.</summary>
    public const string Hl7Version = "2.4";

    /// <summary>HL7_VALIDATION_FLOW: the folder of flow XSDs.</summary>
    public const string ValidationFlow = "chemo";

    /// <summary>The server's MLLP port.</summary>
    public const int MllpPort = 2578;

    /// <summary>The pre-transform queue (server → transformer).</summary>
    public const string ServerEgressQueue = "local-inthub-chemo-transformer-ingress";

    /// <summary>The session id of the pre-transform queue.</summary>
    public const string ServerEgressSession = "chemocare-to-mpi";

    /// <summary>The post-transform queue (transformer → this flow's own sender).</summary>
    public const string TransformerEgressQueue = "local-inthub-chemo-sender-ingress";

    /// <summary>The session id of the post-transform queue.</summary>
    public const string TransformerEgressSession = "mpi";

    /// <summary>MICROSERVICE_ID of the MLLP server.</summary>
    public const string ServerMicroserviceId = "chemocare_hl7_server";

    /// <summary>MICROSERVICE_ID of the transformer.</summary>
    public const string TransformerMicroserviceId = "chemo_hl7_transformer";

    /// <summary>MICROSERVICE_ID of the sender.</summary>
    public const string SenderMicroserviceId = "chemo_hl7_sender";

    /// <summary>HEALTH_BOARD metric dimension.</summary>
    public const string HealthBoard = "CHEMO";

    /// <summary>PEER_SERVICE metric dimension and the message store's target system.</summary>
    public const string PeerService = "MPI";

    /// <summary>The sending applications, split and trimmed as the server reads SENDING_APP.</summary>
    public static IReadOnlyList<string> SendingAppList { get; } = ["245", "212", "192", "224"];
}
