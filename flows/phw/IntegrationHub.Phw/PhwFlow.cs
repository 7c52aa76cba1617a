namespace IntegrationHub.Phw;

/// <summary>
/// The fixed facts of the PHW → MPI flow (spec §1, §21) used as defaults for local runs. Production values come
/// from the environment; these only keep the local hub, the tests and the CLI in step.
/// </summary>
public static class PhwFlow
{
    /// <summary>WORKFLOW_ID: the dashboard and the audit events group the flow's messages by it.</summary>
    public const string WorkflowId = "phw-to-mpi";

    /// <summary>SENDING_APP: the only MSH-3 the PHW server accepts.</summary>
    public const string SendingApp = "252";

    /// <summary>HL7_VERSION: MSH-12 must equal it exactly.</summary>
    public const string Hl7Version = "2.5";

    /// <summary>HL7_VALIDATION_FLOW: the folder of flow XSDs and the code-first rules in <see cref="PhwStructures"/>.</summary>
    public const string ValidationFlow = "phw";

    /// <summary>The MLLP port the PHW server listens on locally.</summary>
    public const int MllpPort = 2575;

    /// <summary>MAX_MESSAGE_SIZE_BYTES of the PHW server (whole MLLP frame).</summary>
    public const int MaxMessageSizeBytes = 1_048_576;

    /// <summary>Server → transformer queue (the server's egress, the transformer's ingress).</summary>
    public const string TransformerIngressQueue = "local-inthub-phw-transformer-ingress";

    /// <summary>The session id on <see cref="TransformerIngressQueue"/>.</summary>
    public const string TransformerIngressSession = "phw-to-mpi";

    /// <summary>
    /// Transformer → sender queue. By design each flow has its own post-transform queue and sender (the existing
    /// system shares <c>local-inthub-mpi-sender-ingress</c>), so a poison message in one flow blocks no other.
    /// </summary>
    public const string SenderIngressQueue = "local-inthub-phw-sender-ingress";

    /// <summary>The session id on <see cref="SenderIngressQueue"/>.</summary>
    public const string SenderIngressSession = "mpi";

    /// <summary>MICROSERVICE_ID of the flow's MLLP server.</summary>
    public const string ServerMicroserviceId = "phw_hl7_server";

    /// <summary>MICROSERVICE_ID of the flow's transformer.</summary>
    public const string TransformerMicroserviceId = "phw_hl7_transformer";

    /// <summary>MICROSERVICE_ID of the flow's sender.</summary>
    public const string SenderMicroserviceId = "phw_hl7_sender";

    /// <summary>HEALTH_BOARD metric dimension.</summary>
    public const string HealthBoard = "PHW";

    /// <summary>PEER_SERVICE metric dimension: where the flow delivers.</summary>
    public const string PeerService = "MPI";
}
