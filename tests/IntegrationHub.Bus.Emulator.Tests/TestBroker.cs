using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>An in-process broker on a run-time port with a temporary data directory.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    private TestBroker(EmbeddedBroker broker, string dataDirectory, BrokerConfig config)
    {
        Broker = broker;
        DataDirectory = dataDirectory;
        Config = config;
    }

    public EmbeddedBroker Broker { get; private set; }
    public string DataDirectory { get; }
    public BrokerConfig Config { get; }
    public int Port => Broker.Port;

    public static async Task<TestBroker> StartAsync(BrokerConfig config, int? adminPort = null, string? dataDirectory = null)
    {
        var dir = dataDirectory ?? Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        var broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = dir, Config = config, AdminPort = adminPort });
        return new TestBroker(broker, dir, config);
    }

    /// <summary>Stops the broker and starts a new one on the same data directory (and a new port).</summary>
    public async Task RestartAsync()
    {
        await Broker.StopAsync();
        Broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = DataDirectory, Config = Config });
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        TryDelete(DataDirectory);
    }

    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    public static QueueSettings Fast(int lockMs = 60_000, int maxDelivery = 10, bool sessions = false) => new()
    {
        LockDuration = TimeSpan.FromMilliseconds(lockMs),
        MaxDeliveryCount = maxDelivery,
        RequiresSession = sessions,
    };
}
