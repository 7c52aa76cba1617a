using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost;

public static class HubTopology
{
    /// <summary>
    /// The hub, as it runs locally (spec §21): one Service Bus namespace with the shared queues, the mock MPI
    /// standing in for the Master Patient Index, the AppHost's OTLP receiver the services export telemetry to (the
    /// dashboard shows it), and the four flows, each with its own queues, server,
    /// transformer (not Paris) and sender. Ports are the spec's (shifted by --port-offset, or free with --free-ports).
    /// </summary>
    public static HubModel Describe(AppHostOptions options) =>
        new HubBuilder(options)
            .AddBus("bus", port: 5672, adminPort: 5300)
            .AddOtlpReceiver(port: 18889)
            .AddMessageStoreQueue("local-inthub-messagestore")
            .AddAuditQueue("local-inthub-audit")
            .AddMockMpi("mock-mpi", mllpPort: 2576, httpPort: 8090)
            .AddFlow(Flows.Phw)
            .AddFlow(Flows.Paris)
            .AddFlow(Flows.Chemo)
            .AddFlow(Flows.Pims)
            .Build();
}
