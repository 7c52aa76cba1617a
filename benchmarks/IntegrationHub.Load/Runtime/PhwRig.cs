using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Load.Runtime;

/// <summary>
/// The PHW flow as deployed: the embedded broker (durable, on the measured disk) in this process with the flow's
/// queues, and the flow's executables and the mock MPI as separate processes configured as the AppHost configures them
/// (the same variables, including the runtime settings of <see cref="ServiceProcessEnvironment"/>).
/// </summary>
internal sealed class PhwRig : IAsyncDisposable
{
    public const string TransformerIngress = "load-phw-transformer-ingress";
    public const string SenderIngress = "load-phw-sender-ingress";
    public const string ServerSession = "phw-to-mpi";
    public const string SenderSession = "phw-to-mpi-transformed";
    public const string Store = "load-messagestore";
    public const string Audit = "load-audit";

    private readonly List<HubProcess> _processes = [];
    private readonly string _data;
    private readonly bool _storeAndAudit;
    private readonly string? _gen0Size;
    private readonly bool _serviceRuntimeSettings;
    private readonly string _logLevel;
    private readonly string? _serviceEnvironment;
    private readonly string? _nativeDirectory;

    private PhwRig(EmbeddedBroker broker, LoadContext context)
    {
        Broker = broker;
        _data = context.DataDirectory;

        // --store-audit 0 measures the message path alone; --gen0size HEX caps the services' GC gen0 budget.
        _storeAndAudit = context.Int("store-audit", 1) != 0;
        _gen0Size = context.Text("gen0size");
        _serviceRuntimeSettings = context.Int("runtime-defaults", 1) != 0;

        // INFO as deployed (every event is a log line); --log-level WARN leaves the event lines out.
        _logLevel = context.Text("log-level") ?? "INFO";

        // --service-env "NAME=value;NAME=value": extra variables for the services only (runtime knobs to compare).
        _serviceEnvironment = context.Text("service-env");

        // --native DIR: run DIR/<project>/<project> (a native AOT publish) instead of the Release build's dll.
        _nativeDirectory = context.Text("native");
        Bus = BusClientFactory.Create(new BusClientOptions { ConnectionString = broker.ConnectionString });
    }

    public EmbeddedBroker Broker { get; }

    public IBusClient Bus { get; }

    public IReadOnlyList<HubProcess> Processes => _processes;

    public static async Task<PhwRig> StartAsync(LoadContext context)
    {
        var session = new QueueSettings { RequiresSession = true, LockDuration = TimeSpan.FromSeconds(60), MaxDeliveryCount = 10 };
        var plain = new QueueSettings { LockDuration = TimeSpan.FromSeconds(60), MaxDeliveryCount = 10 };
        var config = new BrokerConfig()
            .WithQueue(TransformerIngress, session)
            .WithQueue(SenderIngress, session)
            .WithQueue(Store, plain)
            .WithQueue(Audit, plain);
        var broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, AdminPort = FreePort(), DataDirectory = context.NewFolder("broker"), Config = config });
        return new PhwRig(broker, context);
    }

    /// <summary>The PHW server on a free MLLP port; returns the port once its health probe answers.</summary>
    public async Task<(HubProcess Process, int Port)> StartServerAsync()
    {
        var port = FreePort();
        var server = await StartAsync("phw-server", "flows/phw/IntegrationHub.Phw.Server", "phw_hl7_server", new()
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = Text(port),
            ["EGRESS_QUEUE_NAME"] = TransformerIngress,
            ["EGRESS_SESSION_ID"] = ServerSession,
            ["HL7_VERSION"] = "2.5",
            ["SENDING_APP"] = "252",
            ["HL7_VALIDATION_FLOW"] = "phw",
            ["MAX_MESSAGE_SIZE_BYTES"] = "1048576",
        });
        return (server, port);
    }

    public Task<HubProcess> StartTransformerAsync() =>
        StartAsync("phw-transformer", "flows/phw/IntegrationHub.Phw.Transformer", "phw_transformer", new()
        {
            ["INGRESS_QUEUE_NAME"] = TransformerIngress,
            ["INGRESS_SESSION_ID"] = ServerSession,
            ["EGRESS_QUEUE_NAME"] = SenderIngress,
            ["EGRESS_SESSION_ID"] = SenderSession,
        });

    public Task<HubProcess> StartSenderAsync(int mpiPort) =>
        StartAsync("phw-sender", "flows/phw/IntegrationHub.Phw.Sender", "phw_sender", new()
        {
            ["INGRESS_QUEUE_NAME"] = SenderIngress,
            ["INGRESS_SESSION_ID"] = SenderSession,
            ["RECEIVER_MLLP_HOST"] = "127.0.0.1",
            ["RECEIVER_MLLP_PORT"] = Text(mpiPort),
            ["ACK_TIMEOUT_SECONDS"] = "30",
            ["SENDER_STATE_DIR"] = Path.Combine(_data, "sender-state"),
        });

    /// <summary>The mock MPI (connections kept open, recording in memory); returns its MLLP and HTTP ports.</summary>
    public async Task<(HubProcess Process, int MllpPort, int HttpPort)> StartMockMpiAsync()
    {
        var (mllp, http) = (FreePort(), FreePort());
        var mpi = HubProcess.Start("mock-mpi", "tools/IntegrationHub.MockMpi", new Dictionary<string, string>
        {
            ["MOCK_MPI_HOST"] = "127.0.0.1",
            ["MOCK_MPI_PORT"] = Text(mllp),
            ["MOCK_MPI_HTTP_PORT"] = Text(http),
            ["MOCK_MPI_KEEP_ALIVE"] = "true",
            ["LOG_LEVEL"] = "WARN",
        });
        _processes.Add(mpi);
        await WaitForPortAsync(mpi, http);
        return (mpi, mllp, http);
    }

    /// <summary>Messages waiting on a queue, from the broker's admin API.</summary>
    public async Task<int> ActiveMessagesAsync(string queue)
    {
        using var http = new HttpClient();
        await using var body = await http.GetStreamAsync(new Uri($"http://127.0.0.1:{Broker.AdminPort}/api/entities"));
        using var entities = await JsonDocument.ParseAsync(body);
        return entities.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == queue).GetProperty("active").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        await Bus.DisposeAsync();
        await Broker.DisposeAsync();
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task<HubProcess> StartAsync(string name, string project, string microserviceId, Dictionary<string, string> variables)
    {
        var health = FreePort();
        variables["SERVICE_BUS_CONNECTION_STRING"] = Broker.ConnectionString;
        variables["WORKFLOW_ID"] = "phw-to-mpi";
        variables["MICROSERVICE_ID"] = microserviceId;
        variables["HEALTH_BOARD"] = "PHW";
        variables["PEER_SERVICE"] = "MPI";
        variables["LOG_LEVEL"] = _logLevel;
        variables["HEALTH_CHECK_HOST"] = "127.0.0.1";
        variables["HEALTH_CHECK_PORT"] = Text(health);
        if (_storeAndAudit)
        {
            variables["MESSAGE_STORE_QUEUE_NAME"] = Store;
            variables["AUDIT_QUEUE_NAME"] = Audit;
        }
        else
        {
            variables["MESSAGE_STORE_ENABLED"] = "false";
        }

        // As the AppHost and the deployment start every service, unless --runtime-defaults 0 asks for the bare runtime.
        if (_serviceRuntimeSettings)
        {
            foreach (var (key, value) in ServiceProcessEnvironment.Variables)
            {
                variables[key] = value;
            }
        }

        if (_gen0Size is not null)
        {
            // The GC sizes gen0 from the L3 cache; on a large-cache server that alone is 100+ MB per process.
            variables["DOTNET_GCgen0size"] = _gen0Size;
        }

        foreach (var pair in (_serviceEnvironment ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            variables[pair[..equals]] = pair[(equals + 1)..];
        }

        var process = HubProcess.Start(name, project, variables, _nativeDirectory);
        _processes.Add(process);
        await WaitForPortAsync(process, health);
        return process;
    }

    /// <summary>Health probes open only once the service is really up (listener bound, bus reachable).</summary>
    private static async Task WaitForPortAsync(HubProcess process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            process.ThrowIfExited();
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{process.Name} did not open port {port}:\n{process.Tail}");
    }
}
