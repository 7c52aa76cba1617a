namespace IntegrationHub.AppHost.Model;

/// <summary>
/// The whole hub as plain data: what runs, with which settings. Local runs, the testing harness and `publish`
/// all read this one description, so it carries what a deployment needs as well as what a local run needs.
/// </summary>
public sealed record HubModel(BusResource Bus, ServiceResource MockMpi, IReadOnlyList<FlowResource> Flows, string DataDirectory)
{
    /// <summary>Every process the AppHost supervises, in start order (the mock MPI first: senders deliver to it).</summary>
    public IEnumerable<ServiceResource> Services => Flows.SelectMany(f => f.Services).Prepend(MockMpi);

    /// <summary>Every queue: the shared ones and each flow's.</summary>
    public IEnumerable<QueueResource> Queues => Bus.Queues;
}

/// <summary>
/// The Service Bus namespace. Embedded (the in-process broker on <see cref="Port"/>) unless
/// <see cref="ExternalConnectionString"/> points at Azure or Microsoft's emulator.
/// </summary>
public sealed record BusResource(
    string Name,
    int Port,
    int? AdminPort,
    string DataDirectory,
    string? ExternalConnectionString,
    IReadOnlyList<QueueResource> Queues)
{
    // The emulator's well-known key: local only, never a real secret, but still handled as one.
    public const string EmulatorKeyName = "RootManageSharedAccessKey";
    public const string EmulatorKey = "SAS_KEY_VALUE";

    public bool IsEmbedded => ExternalConnectionString is null;

    /// <summary>What every service gets as SERVICE_BUS_CONNECTION_STRING.</summary>
    public string ConnectionString => ExternalConnectionString
        ?? $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={EmulatorKeyName};SharedAccessKey={EmulatorKey};UseDevelopmentEmulator=true";
}

/// <summary>A queue with the settings of spec §21.3, and who writes and reads it (for the dashboard and publish).</summary>
public sealed record QueueResource(
    string Name,
    bool RequiresSession,
    TimeSpan LockDuration,
    int MaxDeliveryCount,
    MessageRetention Retention,
    string Producers,
    string Consumers);

/// <summary>How long a message may wait on a queue, and whether it then moves to the dead-letter queue or is discarded.</summary>
public sealed record MessageRetention(TimeSpan TimeToLive, bool DeadLetterOnExpiration);

/// <summary>One flow (a source system to the MPI): its queues and its services.</summary>
public sealed record FlowResource(string Name, string WorkflowId, IReadOnlyList<QueueResource> Queues, IReadOnlyList<ServiceResource> Services)
{
    public ServiceResource Server => Services.Single(s => s.Role == ServiceRole.Server);

    public ServiceResource? Transformer => Services.SingleOrDefault(s => s.Role == ServiceRole.Transformer);

    public ServiceResource Sender => Services.Single(s => s.Role == ServiceRole.Sender);
}

public enum ServiceRole
{
    MockMpi,
    Server,
    Transformer,
    Sender,
}

/// <summary>
/// One executable: which project it is, how it is reached, its environment and how it may be scaled.
/// <see cref="ProbePort"/> is the TCP port whose accepting connections means "healthy" (spec §14).
/// </summary>
public sealed record ServiceResource(
    string Name,
    ServiceRole Role,
    string? Flow,
    ProjectInfo Project,
    IReadOnlyList<EndpointResource> Endpoints,
    IReadOnlyList<EnvVar> Environment,
    ReplicaRule Replicas)
{
    public int ProbePort => Endpoints.First(e => e.IsProbe).Port;

    public int? PortOf(string endpointName) => Endpoints.FirstOrDefault(e => e.Name == endpointName)?.Port;

    public string? Env(string name) => Environment.FirstOrDefault(e => e.Name == name)?.Value;

    /// <summary>A local stand-in (the mock MPI) that a deployment leaves out.</summary>
    public bool LocalOnly { get; init; }
}

/// <summary>A project of the repository; <see cref="AssemblyName"/> is how its built dll is found (ServiceLocator).</summary>
public sealed record ProjectInfo(string AssemblyName, string RelativePath);

/// <summary>A TCP port a service listens on. External endpoints face source systems; the rest stay internal.</summary>
public sealed record EndpointResource(string Name, int Port, bool External = false, bool IsProbe = false)
{
    /// <summary>The port inside a container when it differs from the local one (every health probe is 9000 there).</summary>
    public int? ContainerPort { get; init; }

    /// <summary>The port a deployment listens on.</summary>
    public int PublishedPort => ContainerPort ?? Port;
}

/// <summary>An environment variable; secrets are masked on screen and become secret references when published.</summary>
public sealed record EnvVar(string Name, string Value, bool IsSecret = false)
{
    public string Display => IsSecret ? "*****" : Value;

    /// <summary>Only meaningful on this machine (loopback hosts, data folders, log format, the local bus's key): never published.</summary>
    public bool LocalOnly { get; init; }

    /// <summary>The value inside a container when it differs from the local one (e.g. bind 0.0.0.0 instead of loopback).</summary>
    public string? ContainerValue { get; init; }

    /// <summary>A deployment parameter that supplies the value instead (e.g. the real MPI's address); null when the value is fixed.</summary>
    public string? DeployParameter { get; init; }
}

/// <summary>How many copies may run, and why (publish turns it into min/max replicas).</summary>
public sealed record ReplicaRule(int Min, int Max, string Reason)
{
    /// <summary>Session consumers must stay single: a second copy would only wait for the session lock, and a
    /// scale-out rule would add cost, never throughput, while making ordering depend on lock hand-over.</summary>
    public static ReplicaRule ExactlyOne(string reason) => new(1, 1, reason);

    public static ReplicaRule Scalable(int max, string reason) => new(1, max, reason);
}
