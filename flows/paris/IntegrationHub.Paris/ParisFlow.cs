namespace IntegrationHub.Paris;

/// <summary>
/// The Paris flow's facts for local runs (spec §1, §18.1, §21.2). Paris has no transformer: its server publishes
/// straight to the post-transform side and the message reaches the MPI unchanged (MSH-12 stays 2.5.1). By design
/// the flow has its own sender and post-transform queue, so a stuck Paris message never blocks another flow.
/// </summary>
public static class ParisFlow
{
    public const string WorkflowId = "paris-to-mpi";
    public const string SendingApp = "169";
    public const string Hl7Version = "2.5.1";
    public const string ValidationFlow = "paris";
    public const int MllpPort = 2577;

    /// <summary>Where the server publishes and the Paris sender reads.</summary>
    public const string PostTransformQueue = "local-inthub-paris-sender-ingress";
    public const string PostTransformSessionId = "mpi";

    public const string ServerMicroserviceId = "paris_hl7_server";
    public const string SenderMicroserviceId = "paris_hl7_sender";
    public const string HealthBoard = "PARIS";
    public const string PeerService = "MPI";
}
