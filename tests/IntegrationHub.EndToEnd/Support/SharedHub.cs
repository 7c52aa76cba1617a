using IntegrationHub.AppHost.Testing;

// One hub at a time: every test here drives real processes, and a 2-core CI machine runs them more reliably in turn.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace IntegrationHub.EndToEnd.Support;

/// <summary>
/// The whole hub (all four flows), started once for every test of the collection. Tests never share a control id,
/// always put the mock MPI back to normal when they change it, and look only at their own messages.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    /// <summary>
    /// Back-offs of seconds rather than 5 s doubling to 15 min, so retries and dead-lettering fit a test; a short
    /// receive wait so idle loops come round quickly after a broker restart.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastRetries = new Dictionary<string, string>
    {
        ["RETRY_INITIAL_DELAY_MS"] = "500",
        ["RETRY_MAX_DELAY_MS"] = "2000",
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["ACK_TIMEOUT_SECONDS"] = "3",
    };

    private HubTestHost? _hub;

    public HubTestHost Hub => _hub ?? throw new InvalidOperationException("The hub has not started.");

    public async Task InitializeAsync() =>
        _hub = await HubTestHost.StartAsync(new HubTestOptions { Environment = FastRetries });

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedHub : ICollectionFixture<HubFixture>
{
    public const string Name = "hub";
}
