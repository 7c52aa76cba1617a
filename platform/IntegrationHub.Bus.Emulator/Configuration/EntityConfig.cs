namespace IntegrationHub.Bus.Emulator.Configuration;

/// <summary>Settings shared by everything that holds messages (queues and subscriptions).</summary>
public sealed record QueueSettings
{
    // Defaults are the Microsoft emulator schema's defaults, so a file written for it behaves the same here.
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);
    public int MaxDeliveryCount { get; init; } = 3;
    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.FromHours(1);
    public bool DeadLetteringOnMessageExpiration { get; init; }
    public bool RequiresSession { get; init; }
    public bool RequiresDuplicateDetection { get; init; }
    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = TimeSpan.FromSeconds(20);
}

public sealed record QueueConfig(string Name, QueueSettings Settings);

/// <summary>A correlation filter: every field that is set must equal the message's.</summary>
public sealed record CorrelationFilter
{
    public string? ContentType { get; init; }
    public string? CorrelationId { get; init; }
    public string? Label { get; init; }
    public string? MessageId { get; init; }
    public string? ReplyTo { get; init; }
    public string? ReplyToSessionId { get; init; }
    public string? SessionId { get; init; }
    public string? To { get; init; }
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}

/// <summary>A subscription rule. A null <see cref="Correlation"/> means a filter that is always true.</summary>
public sealed record RuleConfig(string Name, CorrelationFilter? Correlation);

public sealed record SubscriptionConfig(string Name, QueueSettings Settings, IReadOnlyList<RuleConfig> Rules);

public sealed record TopicConfig(
    string Name,
    bool RequiresDuplicateDetection,
    TimeSpan DuplicateDetectionHistoryTimeWindow,
    TimeSpan DefaultMessageTimeToLive,
    IReadOnlyList<SubscriptionConfig> Subscriptions);

/// <summary>The broker's entity topology, as read from a ServiceBusEmulatorConfig.json file or built in code.</summary>
public sealed record BrokerConfig
{
    public string NamespaceName { get; init; } = "sbemulatorns";
    public IReadOnlyList<QueueConfig> Queues { get; init; } = [];
    public IReadOnlyList<TopicConfig> Topics { get; init; } = [];

    public static BrokerConfig Load(string path) => ConfigLoader.Parse(File.ReadAllText(path), path);

    public static BrokerConfig Parse(string json) => ConfigLoader.Parse(json, "config");

    public BrokerConfig WithQueue(string name, QueueSettings? settings = null) =>
        this with { Queues = [.. Queues, new QueueConfig(name, settings ?? new QueueSettings())] };

    public BrokerConfig WithTopic(string name, params SubscriptionConfig[] subscriptions) =>
        this with
        {
            Topics = [.. Topics, new TopicConfig(name, false, TimeSpan.FromSeconds(20), TimeSpan.FromHours(1), subscriptions)],
        };
}
