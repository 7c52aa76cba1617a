using System.Globalization;
using System.Net;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Mllp;
using IntegrationHub.MockMpi;
using IntegrationHub.Runtime.Sender;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Flows.Tests.Support;

/// <summary>
/// One flow running end to end in-process: the real embedded broker with the flow's queues, the flow's server,
/// transformer (if any) and sender hosts composed as their Program.cs does, and the mock MPI recording into a temp
/// folder. Every port is chosen at run time and every test gets its own hub, so tests never share a queue.
/// </summary>
internal sealed class FlowHub : IAsyncDisposable
{
    /// <summary>Spec §21.3 has 10; kept so dead-lettering follows the local topology.</summary>
    public const int MaxDeliveryCount = 10;

    /// <summary>A few seconds rather than the emulator's minute, so a lost lock costs a test seconds, not its budget.</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);

    private readonly string _root;
    private readonly List<IHost> _hosts = [];
    private readonly ILoggerFactory? _loggers;
    private IReadOnlyDictionary<string, string?> _overrides = new Dictionary<string, string?>();
    private bool _transformerStarted;

    private FlowHub(FlowDefinition flow, string root, ILoggerFactory? loggers)
    {
        Flow = flow;
        _root = root;
        _loggers = loggers;
    }

    public FlowDefinition Flow { get; }

    public EmbeddedBroker Broker { get; private set; } = null!;

    public IBusClient Bus { get; private set; } = null!;

    public MockMpiServer Mpi { get; private set; } = null!;

    public IPEndPoint ServerEndpoint { get; private set; } = null!;

    /// <summary>
    /// Starts the whole flow; <paramref name="overrides"/> are added to every service's variables. With
    /// <paramref name="holdTransformer"/> the transformer waits for <see cref="StartTransformerAsync"/>, so messages
    /// can be queued in front of it first.
    /// </summary>
    public static async Task<FlowHub> StartAsync(FlowDefinition flow, IReadOnlyDictionary<string, string?>? overrides = null, bool holdTransformer = false)
    {
        var root = Path.Combine(Path.GetTempPath(), $"hub-flow-tests-{flow.Name}-{Guid.NewGuid():N}");
        var hub = new FlowHub(flow, root, LogsWanted ? LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Information)) : null);
        try
        {
            hub._overrides = overrides ?? new Dictionary<string, string?>();
            await hub.StartAllAsync(holdTransformer);
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one message to the flow's server on a new connection, as a source system does.</summary>
    public async Task<MllpSendResult> SendAsync(string payload)
    {
        await using var client = new MllpClient(new MllpClientOptions { Port = ServerEndpoint.Port, AckTimeout = TimeSpan.FromSeconds(15) });
        return await client.SendAsync(payload);
    }

    /// <summary>What the mock MPI has recorded, in arrival order, read back from its output folder.</summary>
    public IReadOnlyList<RecordedMessage> Received() =>
        Mpi.Recorder.Snapshot()
            .Select(r => new RecordedMessage(r.Sequence, r.ControlId, r.Response, File.ReadAllText(Path.Combine(Mpi.Recorder.OutputDirectory!, r.File!))))
            .ToArray();

    /// <summary>Waits until the mock MPI has recorded at least <paramref name="count"/> messages; returns them.</summary>
    public async Task<IReadOnlyList<RecordedMessage>> WaitForMpiAsync(int count, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(
            () => Mpi.Recorder.Snapshot().Count >= count,
            timeout ?? TimeSpan.FromSeconds(30),
            () => $"the mock MPI to receive {count} message(s); it has {Mpi.Recorder.Snapshot().Count}");
        return Received();
    }

    /// <summary>Everything on a queue (or its dead-letter queue), received and completed.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> DrainAsync(string entityPath, TimeSpan firstWait)
    {
        await using var receiver = await Bus.CreateReceiverAsync(ReceiverOptions.ForQueue(entityPath));
        var all = new List<ReceivedMessage>();
        while (true)
        {
            var batch = await receiver.ReceiveAsync(100, all.Count == 0 ? firstWait : TimeSpan.FromMilliseconds(300));
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

    public async ValueTask DisposeAsync()
    {
        // Last started first: the server (the front) stops before the stages behind it.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync();
            _hosts[i].Dispose();
        }

        if (Mpi is not null)
        {
            await Mpi.DisposeAsync();
        }

        if (Bus is not null)
        {
            await Bus.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        _loggers?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }

    private static bool LogsWanted => Environment.GetEnvironmentVariable("HUB_TEST_LOGS") == "1";

    /// <summary>Starts the flow's transformer (once).</summary>
    public async Task StartTransformerAsync()
    {
        if (Flow.Transformer is { } transformer && !_transformerStarted)
        {
            _transformerStarted = true;
            await StartHostAsync(TransformerVariables(transformer), transformer.AddTransformer);
        }
    }

    private async Task StartAllAsync(bool holdTransformer)
    {
        var sessionQueue = new QueueSettings { RequiresSession = true, LockDuration = LockDuration, MaxDeliveryCount = MaxDeliveryCount };
        var plainQueue = new QueueSettings { LockDuration = LockDuration, MaxDeliveryCount = MaxDeliveryCount };
        var config = Flow.SessionQueues().Aggregate(new BrokerConfig(), (c, q) => c.WithQueue(q, sessionQueue))
            .WithQueue(FlowDefinition.MessageStoreQueue, plainQueue);
        Broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = Path.Combine(_root, "broker"), Config = config, LoggerFactory = _loggers });
        Bus = BusClientFactory.Create(new BusClientOptions { ConnectionString = Broker.ConnectionString });

        Mpi = new MockMpiServer(new MockMpiOptions { Port = 0, OutputDirectory = Path.Combine(_root, "mpi") }, _loggers);
        await Mpi.StartAsync(CancellationToken.None);

        // Back to front, so each stage's destination is listening before anything is sent to it.
        await StartHostAsync(SenderVariables(), b => b.AddHl7Sender());
        if (!holdTransformer)
        {
            await StartTransformerAsync();
        }

        var server = await StartHostAsync(ServerVariables(), Flow.AddServer);
        ServerEndpoint = await server.Services.GetRequiredService<Hl7ServerService>().BoundEndpoint;
    }

    private async Task<IHost> StartHostAsync(Dictionary<string, string?> variables, Action<IHostApplicationBuilder> addService)
    {
        foreach (var (name, value) in _overrides)
        {
            variables[name] = value;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables);
        builder.AddServiceDefaults(variables["MICROSERVICE_ID"]!);
        addService(builder);
        if (LogsWanted)
        {
            builder.Logging.AddSimpleConsole();
        }

        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    private Dictionary<string, string?> Common(string microserviceId) => new()
    {
        ["SERVICE_BUS_CONNECTION_STRING"] = Broker.ConnectionString,
        ["HEALTH_CHECK_PORT"] = "0",
        ["WORKFLOW_ID"] = Flow.WorkflowId,
        ["MICROSERVICE_ID"] = microserviceId,
        ["HEALTH_BOARD"] = Flow.HealthBoard,
        ["PEER_SERVICE"] = "MPI",
        ["MESSAGE_STORE_QUEUE_NAME"] = FlowDefinition.MessageStoreQueue,
        ["LOG_LEVEL"] = LogsWanted ? "INFO" : "WARN",

        // Short receive waits and back-offs keep a stage's idle loop and any retry within a test's time.
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["RETRY_INITIAL_DELAY_MS"] = "100",
        ["RETRY_MAX_DELAY_MS"] = "400",
    };

    private Dictionary<string, string?> ServerVariables()
    {
        var variables = Common(Flow.ServerMicroserviceId);
        variables["HOST"] = "127.0.0.1";
        variables["PORT"] = "0";
        variables["EGRESS_QUEUE_NAME"] = Flow.ServerEgressQueue;
        variables["EGRESS_SESSION_ID"] = Flow.ServerEgressSession;
        variables["HL7_VERSION"] = Flow.Hl7Version;
        variables["SENDING_APP"] = Flow.SendingApps;
        variables["HL7_VALIDATION_FLOW"] = Flow.ValidationFlow;
        variables["MAX_MESSAGE_SIZE_BYTES"] = "1048576";
        return variables;
    }

    private Dictionary<string, string?> TransformerVariables(TransformerStage transformer)
    {
        var variables = Common(transformer.MicroserviceId);
        variables["INGRESS_QUEUE_NAME"] = Flow.ServerEgressQueue;
        variables["INGRESS_SESSION_ID"] = Flow.ServerEgressSession;
        variables["EGRESS_QUEUE_NAME"] = Flow.SenderIngressQueue;
        variables["EGRESS_SESSION_ID"] = Flow.SenderIngressSession;
        return variables;
    }

    private Dictionary<string, string?> SenderVariables()
    {
        var variables = Common(Flow.SenderMicroserviceId);
        variables["INGRESS_QUEUE_NAME"] = Flow.SenderIngressQueue;
        variables["INGRESS_SESSION_ID"] = Flow.SenderIngressSession;
        variables["RECEIVER_MLLP_HOST"] = "127.0.0.1";
        variables["RECEIVER_MLLP_PORT"] = Mpi.EndPoint.Port.ToString(CultureInfo.InvariantCulture);
        variables["ACK_TIMEOUT_SECONDS"] = "10";

        // Its own delivered-message log: the default folder is shared by every sender of the same queue name.
        variables["SENDER_STATE_DIR"] = Path.Combine(_root, "sender-state");
        return variables;
    }
}

/// <summary>One message as the mock MPI recorded it: arrival number, MSH-10, its answer and the bytes it received.</summary>
internal sealed record RecordedMessage(long Sequence, string ControlId, string Response, string Payload);
