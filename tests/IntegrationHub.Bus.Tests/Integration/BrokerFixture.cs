using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>One embedded broker on 127.0.0.1 with a run-time port, shared by the tests of a class.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const string JwtForTests = "test-issuer.valid-jwt";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "bus-tests-" + Guid.NewGuid().ToString("N"));

    public EmbeddedBroker Broker { get; private set; } = null!;

    public static BrokerConfig Config
    {
        get
        {
            var plain = new QueueSettings { LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 };
            var session = plain with { RequiresSession = true };
            var config = new BrokerConfig();
            foreach (var name in new[] { "send", "abandon", "deadletter", "maxdelivery", "batch", "schedule", "schedule-mgmt", "renew", "peek", "processor", "jwt", "lost", "props", "replay", "abandon-props", "prefetch", "confirm", "coalesce", "coalesce-lone", "coalesce-trace", "coalesce-cancel" })
            {
                config = config.WithQueue(name, plain);
            }

            foreach (var name in new[] { "s-named", "s-next", "s-exclusive", "s-renew", "s-processor", "s-confirm", "s-coalesce", "s-state", "s-mark", "s-nomark" })
            {
                config = config.WithQueue(name, session);
            }

            config = config.WithQueue("shortlock", plain with { LockDuration = TimeSpan.FromSeconds(1), MaxDeliveryCount = 5 });
            config = config.WithQueue("s-empty", session);
            config = config.WithQueue("renew-proc", plain with { LockDuration = TimeSpan.FromSeconds(3) });
            config = config.WithQueue("s-next-proc", session);
            config = config.WithQueue("concurrent", plain);
            config = config.WithQueue("stop-complete", plain with { LockDuration = TimeSpan.FromSeconds(1) });
            var audit = new SubscriptionConfig("audit", plain, []);
            var phwOnly = new SubscriptionConfig("phw", plain, [new RuleConfig("phw", new CorrelationFilter { Properties = new Dictionary<string, string> { ["workflow_id"] = "phw" } })]);
            return config.WithTopic("events", audit, phwOnly);
        }
    }

    public static BusClientOptions FastOptions(string connectionString) => new()
    {
        ConnectionString = connectionString,
        OperationTimeout = TimeSpan.FromSeconds(10),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
    };

    public IBusClient CreateClient() => BusClientFactory.Create(FastOptions(Broker.ConnectionString));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        Broker = await EmbeddedBroker.StartAsync(Options(_dataDirectory, 0));
    }

    public static BrokerOptions Options(string dataDirectory, int port) => new()
    {
        Port = port,
        DataDirectory = dataDirectory,
        Config = Config,
        JwtValidator = (token, _) => token == JwtForTests,
    };

    /// <summary>
    /// A broker of the test's own, which it may restart or stop: on <paramref name="dir"/>, or a new data folder; the
    /// test removes the folder with <see cref="TryDelete"/>.
    /// </summary>
    public static async Task<(EmbeddedBroker Broker, string Dir)> StartOwnAsync(int port = 0, string? dir = null)
    {
        dir ??= Path.Combine(Path.GetTempPath(), "bus-own-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return (await EmbeddedBroker.StartAsync(Options(dir, port)), dir);
    }

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        TryDelete(_dataDirectory);
    }

    /// <summary>
    /// Waits until the receiver has seen its connection drop (it learns that asynchronously, from its reader), so a
    /// test of what happens after a loss does not race the client's own discovery of it.
    /// </summary>
    public static async Task UntilLinkLostAsync(IBusReceiver receiver)
    {
        var amqp = (Amqp.AmqpReceiver)receiver;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (amqp.HasUsableLink)
        {
            Assert.True(DateTime.UtcNow < deadline, "the client did not notice the broker had gone");
            await Task.Delay(20);
        }
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp directory is cleaned eventually.
        }
    }
}
