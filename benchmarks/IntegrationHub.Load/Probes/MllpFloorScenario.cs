using IntegrationHub.Load.Runtime;

namespace IntegrationHub.Load.Probes;

/// <summary>
/// <c>mllp-floor</c>: what one TCP connection per message costs on this machine before any hub work — a bare server
/// (accept, read to FS CR, write a fixed ACK, close) and the same 16 source connections as <c>mllp-ingest</c>, in this
/// process. No parsing, no validation, no bus: the part of an MLLP ingest figure no server code can remove.
/// </summary>
internal sealed class MllpFloorScenario : ILoadScenario
{
    public string Name => "mllp-floor";

    public string Description => "bare MLLP accept/read/ACK/close server and 16 one-message connections in one process (no hub code)";

    public async Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var total = context.Int("messages", 40_000);
        var connections = context.Int("connections", 16);
        await using var server = new BareMllpServer(_ => Task.FromResult(true));
        var (rate, cpuPerMessage, failed) = await MllpLoad.DriveAsync(server.Port, MllpLoad.PhwSample(), connections, total, "FLOOR");
        LoadContext.Report($"{connections} connections, bare server: throughput", rate, "msg/s", $"{failed} without AA; {total} messages; load {MllpLoad.LoadAverage()}");
        LoadContext.Report("CPU per message, bare server + source connections", cpuPerMessage, "µs");
    }
}
