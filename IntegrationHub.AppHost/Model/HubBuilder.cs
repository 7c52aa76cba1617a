using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.AppHost.Model;

/// <summary>
/// Builds the <see cref="HubModel"/> for one run from a description that reads like the topology (see Program.cs).
/// Every concrete value (ports, folders, the bus connection string) is decided here, once, so what is started,
/// what the tests check and what the dashboard shows are the same values.
/// </summary>
public sealed class HubBuilder
{
    // Spec §21.3: every entity PT1M lock, 10 deliveries.
    private static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(1);
    private const int MaxDeliveryCount = 10;

    // Not §21.3's PT1H without dead-lettering, under which a message the hub has acknowledged would vanish after an
    // hour of MPI outage or of a session held up by a poison message. Messages on the flow and message-store queues
    // wait 14 days, then move to the dead-letter queue (shown and resubmittable), never discarded.
    private static readonly MessageRetention Kept = new(TimeSpan.FromDays(14), DeadLetterOnExpiration: true);

    // Audit events are telemetry (every one is also in the logs): an hour, then discarded, so an audit queue nobody
    // reads (a deployment without the dashboard) stays small.
    private static readonly MessageRetention Telemetry = new(TimeSpan.FromHours(1), DeadLetterOnExpiration: false);

    // Local health probes get their own ports (in a container each service would use 9000).
    private const int FirstHealthPort = 9001;
    private const int ContainerHealthPort = 9000;

    // What a container binds: every interface, not loopback.
    private const string AnyAddress = "0.0.0.0";

    // One line per log entry, so the AppHost's name prefix and the log files stay readable (the options only
    // bind once a formatter is named).
    private static readonly EnvVar[] SingleLineLogs =
    [
        new("Logging__Console__FormatterName", "simple") { LocalOnly = true },
        new("Logging__Console__FormatterOptions__SingleLine", "true") { LocalOnly = true },
        new("Logging__Console__FormatterOptions__TimestampFormat", "HH:mm:ss.fff ") { LocalOnly = true },
    ];

    // The GC and runtime settings each service process needs to stay small, here and when deployed.
    private static readonly EnvVar[] RuntimeSettings =
        [.. ServiceProcessEnvironment.Variables.Select(v => new EnvVar(v.Key, v.Value))];

    private readonly AppHostOptions _options;
    private readonly PortPlan _ports;
    private readonly List<QueueResource> _sharedQueues = [];
    private readonly List<FlowResource> _flows = [];
    private (string Name, int Port, int? AdminPort)? _bus;
    private ServiceResource? _mockMpi;
    private string? _auditQueue;
    private string? _storeQueue;
    private (int Port, string ApiKey)? _otlp;

    public HubBuilder(AppHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ports = new PortPlan(options.FreePorts, options.PortOffset);
        var unknown = options.Flows?.Where(f => !Flows.All.Any(d => d.Name.Equals(f, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown is { Count: > 0 })
        {
            throw new ArgumentException($"Unknown flow(s) in --flows: {string.Join(", ", unknown)} (known: {string.Join(", ", Flows.All.Select(f => f.Name))})");
        }
    }

    private string BusConnectionString => _options.BusConnectionString
        ?? new BusResource("bus", _bus!.Value.Port, null, string.Empty, null, []).ConnectionString;

    public HubBuilder AddBus(string name, int port, int adminPort)
    {
        // With an external bus nothing listens locally; the ports are still reserved so the plan stays stable.
        _bus = (name, _ports.Take(port), _ports.Take(adminPort));
        return this;
    }

    /// <summary>
    /// The AppHost's OTLP/HTTP receiver (for the dashboard's structured logs and live metrics): every flow service
    /// exports its logs and metrics there, authenticated with an API key made up for this run.
    /// </summary>
    public HubBuilder AddOtlpReceiver(int port)
    {
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _otlp = (_ports.Take(port), key);
        return this;
    }

    /// <summary>The queue every service sends its audit events to (AUDIT_QUEUE_NAME), read by the dashboard.</summary>
    public HubBuilder AddAuditQueue(string name)
    {
        _auditQueue = name;
        _sharedQueues.Add(Queue(name, false, "every service", "dashboard (message journey)", Telemetry));
        return this;
    }

    /// <summary>The message-store queue (MESSAGE_STORE_QUEUE_NAME of servers and senders).</summary>
    public HubBuilder AddMessageStoreQueue(string name)
    {
        _storeQueue = name;
        _sharedQueues.Add(Queue(name, false, "servers, senders", "message store service (not run locally)", Kept));
        return this;
    }

    /// <summary>The mock MPI every sender delivers to; its HTTP port doubles as its health probe.</summary>
    public HubBuilder AddMockMpi(string name, int mllpPort, int httpPort)
    {
        var mllp = _ports.Take(mllpPort);
        var http = _ports.Take(httpPort);
        _mockMpi = new ServiceResource(
            name,
            ServiceRole.MockMpi,
            null,
            new ProjectInfo("IntegrationHub.MockMpi", "tools/IntegrationHub.MockMpi/IntegrationHub.MockMpi.csproj"),
            [new EndpointResource("mllp", mllp), new EndpointResource("http", http, IsProbe: true)],
            [
                new EnvVar("MOCK_MPI_HOST", "127.0.0.1"),
                new EnvVar("MOCK_MPI_PORT", Text(mllp)),
                new EnvVar("MOCK_MPI_OUTPUT_DIR", Path.Combine(_options.DataDirectory, "mock-mpi")),
                new EnvVar("MOCK_MPI_HTTP_PORT", Text(http)),
                .. SingleLineLogs,
                .. RuntimeSettings,
            ],
            ReplicaRule.ExactlyOne("a local stand-in; its recording is one folder"))
        {
            LocalOnly = true,
        };
        return this;
    }

    /// <summary>Adds a flow's queues and services, unless --flows leaves it out.</summary>
    public HubBuilder AddFlow(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (_options.Flows is { } selected && !selected.Contains(flow.Name))
        {
            return this;
        }

        var mpi = _mockMpi ?? throw new InvalidOperationException("Add the mock MPI before the flows: their senders deliver to it.");
        var queues = new List<QueueResource>();
        var services = new List<ServiceResource>();
        var serverEgress = flow.PreTransform ?? flow.PostTransform;
        if (flow.PreTransform is { } pre)
        {
            queues.Add(Queue(pre.Queue, true, $"{flow.Name}-server", $"{flow.Name}-transformer", Kept));
        }

        var postProducer = flow.Transformer is null ? $"{flow.Name}-server" : $"{flow.Name}-transformer";
        queues.Add(Queue(flow.PostTransform.Queue, true, postProducer, $"{flow.Name}-sender", Kept));

        var mllp = _ports.Take(flow.MllpPort);
        services.Add(Service(flow, ServiceRole.Server, flow.Server, [new EndpointResource("mllp", mllp, External: true) { ContainerPort = flow.MllpPort }],
            [
                new("HOST", "127.0.0.1") { ContainerValue = AnyAddress },
                new("PORT", Text(mllp)) { ContainerValue = Text(flow.MllpPort) },
                new("EGRESS_QUEUE_NAME", serverEgress.Queue),
                new("EGRESS_SESSION_ID", serverEgress.SessionId),
                new("HL7_VERSION", flow.Hl7Version),
                new("SENDING_APP", flow.SendingApps),
                new("HL7_VALIDATION_FLOW", flow.ValidationFlow),
                new("MAX_MESSAGE_SIZE_BYTES", "1048576"),
                .. StoreQueue(),
            ],
            ReplicaRule.Scalable(10, "stateless: ACKs only after the broker accepted the message")));

        if (flow.Transformer is { } transformer && flow.PreTransform is { } input)
        {
            services.Add(Service(flow, ServiceRole.Transformer, transformer, [],
                [
                    new("INGRESS_QUEUE_NAME", input.Queue),
                    new("INGRESS_SESSION_ID", input.SessionId),
                    new("EGRESS_QUEUE_NAME", flow.PostTransform.Queue),
                    new("EGRESS_SESSION_ID", flow.PostTransform.SessionId),
                ],
                ReplicaRule.ExactlyOne("reads one session in order; a second copy could only wait for its lock")));
        }

        var senderName = $"{flow.Name}-sender";
        services.Add(Service(flow, ServiceRole.Sender, flow.Sender, [],
            [
                new("INGRESS_QUEUE_NAME", flow.PostTransform.Queue),
                new("INGRESS_SESSION_ID", flow.PostTransform.SessionId),
                new("RECEIVER_MLLP_HOST", "127.0.0.1") { DeployParameter = "mpiHost" },
                new("RECEIVER_MLLP_PORT", Text(mpi.PortOf("mllp")!.Value)) { DeployParameter = "mpiPort" },
                new("ACK_TIMEOUT_SECONDS", "30"),
                // In a container the default under the temp folder serves: the duplicate log outlives a restart, not a new replica.
                new("SENDER_STATE_DIR", Path.Combine(_options.DataDirectory, "senders", senderName)) { LocalOnly = true },
                .. StoreQueue(),
            ],
            ReplicaRule.ExactlyOne("delivers in order to the MPI and keeps the duplicate log on local disk")));

        _flows.Add(new FlowResource(flow.Name, flow.WorkflowId, queues, services));
        return this;
    }

    public HubModel Build()
    {
        var (name, port, admin) = _bus ?? throw new InvalidOperationException("The hub needs a bus.");
        var mpi = _mockMpi ?? throw new InvalidOperationException("The hub needs the mock MPI.");
        var queues = _sharedQueues.Concat(_flows.SelectMany(f => f.Queues)).ToList();
        var bus = new BusResource(name, port, admin, Path.Combine(_options.DataDirectory, "bus"), _options.BusConnectionString, queues);
        return new HubModel(bus, mpi, _flows, _options.DataDirectory);
    }

    private ServiceResource Service(FlowDefinition flow, ServiceRole role, StageDefinition stage, List<EndpointResource> endpoints, List<EnvVar> specific, ReplicaRule replicas)
    {
        // Stable per service whatever --flows selects: three ports per flow in the order of Flows.All.
        var index = Flows.All.ToList().FindIndex(f => f.Name == flow.Name);
        var health = _ports.Take(FirstHealthPort + (index < 0 ? 0 : index * 3) + (int)role - 1);
        List<EnvVar> environment =
        [
            new("WORKFLOW_ID", flow.WorkflowId),
            new("MICROSERVICE_ID", stage.MicroserviceId),
            new("HEALTH_BOARD", flow.HealthBoard),
            new("PEER_SERVICE", flow.PeerService),
            new("LOG_LEVEL", "INFO"),
            new("HEALTH_CHECK_HOST", "127.0.0.1") { ContainerValue = AnyAddress },
            new("HEALTH_CHECK_PORT", Text(health)) { ContainerValue = Text(ContainerHealthPort) },
            // Deployed services reach the bus with their managed identity (SERVICE_BUS_NAMESPACE), never a key.
            new("SERVICE_BUS_CONNECTION_STRING", BusConnectionString, IsSecret: true) { LocalOnly = true },
            .. _auditQueue is null ? [] : new[] { new EnvVar("AUDIT_QUEUE_NAME", _auditQueue) },
            .. specific,
            .. SingleLineLogs,
            .. RuntimeSettings,
        ];
        var name = $"{flow.Name}-{role.ToString().ToLowerInvariant()}";
        environment.AddRange(OtlpExport(name));
        return new ServiceResource(name, role, flow.Name, stage.Project, [.. endpoints, new EndpointResource("health", health, IsProbe: true) { ContainerPort = ContainerHealthPort }], environment, replicas);
    }

    /// <summary>
    /// The standard OTEL_* variables pointing a service at the AppHost's receiver, named after its resource. Local
    /// only: deployed services export to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING) instead.
    /// </summary>
    private IEnumerable<EnvVar> OtlpExport(string resourceName) => _otlp is not { } otlp ? [] :
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{Text(otlp.Port)}") { LocalOnly = true },
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf") { LocalOnly = true },
        new("OTEL_EXPORTER_OTLP_HEADERS", "x-otlp-api-key=" + otlp.ApiKey, IsSecret: true) { LocalOnly = true },
        new("OTEL_SERVICE_NAME", resourceName) { LocalOnly = true },
        // Live enough for a dashboard: metrics every 5 s, logs batched for at most 1 s.
        new("OTEL_METRIC_EXPORT_INTERVAL", "5000") { LocalOnly = true },
        new("OTEL_BLRP_SCHEDULE_DELAY", "1000") { LocalOnly = true },
    ];

    private IEnumerable<EnvVar> StoreQueue() => _storeQueue is null ? [] : [new EnvVar("MESSAGE_STORE_QUEUE_NAME", _storeQueue)];

    private static QueueResource Queue(string name, bool sessions, string producers, string consumers, MessageRetention retention) =>
        new(name, sessions, LockDuration, MaxDeliveryCount, retention, producers, consumers);

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
