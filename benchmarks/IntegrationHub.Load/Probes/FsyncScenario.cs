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
