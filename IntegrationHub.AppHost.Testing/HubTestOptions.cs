using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Testing;

/// <summary>What <see cref="HubTestHost.StartAsync"/> starts and how.</summary>
public sealed record HubTestOptions
{
    /// <summary>
    /// How the hub is described from the run's options; <see cref="HubTopology.Describe"/> (the AppHost's hub) by
    /// default. A different topology (e.g. a flow of your own added with <c>HubBuilder.AddFlow</c>) goes here; the
    /// harness supplies free ports and the data folder through the options.
    /// </summary>
    public Func<AppHostOptions, HubModel> Topology { get; init; } = HubTopology.Describe;

    /// <summary>The flows to run (e.g. <c>["phw"]</c>); null runs every flow. The bus and the mock MPI always run.</summary>
    public IReadOnlyCollection<string>? Flows { get; init; }

    /// <summary>
    /// Variables added to (or replacing) every service's environment, e.g. shorter back-offs for tests:
    /// <c>RETRY_INITIAL_DELAY_MS</c>, <c>RETRY_MAX_DELAY_MS</c>, <c>RECEIVE_WAIT_SECONDS</c>. A service ignores
    /// variables it does not read.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Variables for one service, by service name (<c>phw-sender</c>, <c>mock-mpi</c>, …); applied after
    /// <see cref="Environment"/>, so they win.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// Natively compiled services to run instead of their IL builds (<c>DIR/&lt;project&gt;/&lt;project&gt;</c>, as
    /// <c>.ci/aot-publish.sh</c> writes them); services not found there run their IL builds.
    /// </summary>
    public string? NativeDirectory { get; init; }

    /// <summary>How long every service gets to become healthy. Generous by default: CI machines are loaded.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The default deadline of the harness's waits (<c>WaitFor…</c>) when a call does not give one.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Where the data folder (broker store, logs, sender state, mock MPI output) is created; a fresh sub-folder of
    /// the system temp folder by default. Deleted on dispose unless the run failed or <c>HUB_TEST_KEEP=1</c>.
    /// </summary>
    public string? DataDirectory { get; init; }
}
