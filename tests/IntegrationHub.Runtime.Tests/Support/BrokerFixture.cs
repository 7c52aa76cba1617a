using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Runtime.Events;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>A real embedded broker on a free port with the queues the runtime tests use, in a temp data folder.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const string TransformerIngress = "test-transformer-ingress";
    public const string SenderIngress = "test-sender-ingress";
    public const string Store = "test-messagestore";
    public const string Audit = "test-audit";

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"hub-runtime-tests-{Guid.NewGuid():N}");

    public EmbeddedBroker Broker { get; private set; } = null!;

    public IBusClient Client { get; private set; } = null!;

    public string ConnectionString => Broker.ConnectionString;

    public async Task InitializeAsync()
    {
        var session = new QueueSettings { RequiresSession = true, LockDuration = TimeSpan.FromSeconds(5), MaxDeliveryCount = 3 };
        var plain = new QueueSettings { LockDuration = TimeSpan.FromSeconds(5), MaxDeliveryCount = 3 };
        var config = new BrokerConfig()
            .WithQueue(TransformerIngress, session)
            .WithQueue(SenderIngress, session)
            .WithQueue(Store, plain)
            .WithQueue(Audit, plain);
        Broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = _data, Config = config });
        Client = BusClientFactory.Create(new BusClientOptions { ConnectionString = Broker.ConnectionString });
    }

    /// <summary>
    /// A sender host's environment reading <see cref="SenderIngress"/>'s <paramref name="session"/> and delivering to
    /// 127.0.0.1:<paramref name="port"/>, with short back-off so retries show within a test's time.
    /// </summary>
    public Dictionary<string, string?> SenderVariables(string session, int port, string stateDirectory) => new()
    {
        ["SERVICE_BUS_CONNECTION_STRING"] = ConnectionString,
        ["HEALTH_CHECK_PORT"] = "0",
        ["INGRESS_QUEUE_NAME"] = SenderIngress,
        ["INGRESS_SESSION_ID"] = session,
        ["RECEIVER_MLLP_HOST"] = "127.0.0.1",
        ["RECEIVER_MLLP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ACK_TIMEOUT_SECONDS"] = "5",
        ["WORKFLOW_ID"] = "test-flow",
        ["MICROSERVICE_ID"] = "test_sender",
        ["PEER_SERVICE"] = "MPI",
        ["SENDER_STATE_DIR"] = stateDirectory,
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["RETRY_INITIAL_DELAY_MS"] = "100",
        ["RETRY_MAX_DELAY_MS"] = "400",
        ["LOG_LEVEL"] = "ERROR",
    };

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Broker.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Everything waiting on a queue (or session), received and completed.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> DrainAsync(string queue, string? session = null, TimeSpan? wait = null)
    {
        var options = session is null ? ReceiverOptions.ForQueue(queue) : ReceiverOptions.ForSession(queue, session);
        await using var receiver = await Client.CreateReceiverAsync(options);
        var all = new List<ReceivedMessage>();
        while (true)
        {
            var batch = await receiver.ReceiveAsync(100, all.Count == 0 ? wait ?? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(300));
            if (batch.Count == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                await receiver.CompleteAsync(message);
                all.Add(message);
            }
        }
    }

    /// <summary>Every event on the audit queue, unpacked from its messages (each a JSON array of events), in order.</summary>
    public async Task<IReadOnlyList<JsonElement>> DrainAuditEventsAsync()
    {
        var events = new List<JsonElement>();
        foreach (var message in await DrainAsync(Audit))
        {
            Assert.Equal(AuditBatch.Subject, message.Subject);
            using var document = JsonDocument.Parse(message.Body);
            events.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
        }

        return events;
    }
}
