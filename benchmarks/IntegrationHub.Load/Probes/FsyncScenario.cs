namespace IntegrationHub.Load.Probes;

/// <summary><c>fsync</c>: the raw SQLite commit rate alone (every other scenario prints it too).</summary>
internal sealed class FsyncScenario : ILoadScenario
{
    public string Name => "fsync";

    public string Description => "raw SQLite commit rate (WAL, synchronous=FULL, one row per transaction)";

    public Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var rate = SqliteCommitRate.Measure(context.DataDirectory, context.Seconds("seconds", 5));
        LoadContext.Report("SQLite commits/s (fsync-bound)", rate, "commits/s");
        return Task.CompletedTask;
    }
}

/// <summary>
/// <c>commit-floor</c>: the commit rate and the same commit behind a bare TCP round trip, alternating, so the cost of
/// any network hop on this machine is known before a broker is blamed for it.
/// </summary>
internal sealed class CommitFloorScenario : ILoadScenario
{
    public string Name => "commit-floor";

    public string Description => "SQLite commit rate vs the same commit behind a bare TCP round trip on 127.0.0.1 (no protocol)";

    public Task RunAsync(LoadContext context, CancellationToken cancellationToken)
    {
        var slice = context.Seconds("seconds", 3);
        double commits = 0, floor = 0;
        var rounds = context.Int("rounds", 5);
        for (var round = 0; round < rounds; round++)
        {
            var c = SqliteCommitRate.Measure(context.DataDirectory, slice);
            var f = TcpCommitFloor.Measure(context.DataDirectory, slice);
            LoadContext.Report($"slice {round + 1}: commits/s, then TCP + commit round trips/s", c, "commits/s", $"{f:#,0} round trips/s ({f / c:P0})");
            commits += c;
            floor += f;
        }

        LoadContext.Report("TCP + commit floor against the commit rate", floor / commits * 100, "%", $"means {commits / rounds:#,0} and {floor / rounds:#,0}/s");
        return Task.CompletedTask;
    }
}
