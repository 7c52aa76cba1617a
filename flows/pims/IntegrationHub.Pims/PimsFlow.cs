namespace IntegrationHub.Pims;

/// <summary>
/// The PIMS flow's facts for local runs (spec §1, §21.2), so its server, transformer and sender agree without
/// repeating literals. One difference from the existing system by design: the flow has its own sender and its
/// own post-transform queue, so a message stuck in PIMS never blocks another flow.
/// </summary>
public static class PimsFlow
{
    public const string WorkflowId = "pims-to-mpi";
    public const string SendingApp = "PIMS";
    public const string Hl7Version = "2.3.1";
    public const string ValidationFlow = "pims";
    public const int MllpPort = 2579;

    /// <summary>Where the server publishes and the transformer reads.</summary>
    public const string PreTransformQueue = "local-inthub-pims-transformer-ingress";
    public const string PreTransformSessionId = "pims-to-mpi";

    /// <summary>Where the transformer publishes and the PIMS sender reads.</summary>
    public const string PostTransformQueue = "local-inthub-pims-sender-ingress";
    public const string PostTransformSessionId = "mpi";

    public const string ServerMicroserviceId = "pims_hl7_server";
    public const string TransformerMicroserviceId = "pims_hl7_transformer";
    public const string SenderMicroserviceId = "pims_hl7_sender";
    public const string HealthBoard = "PIMS";
    public const string PeerService = "MPI";
}
