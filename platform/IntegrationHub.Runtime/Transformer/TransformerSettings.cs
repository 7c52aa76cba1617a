using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Transformer;

/// <summary>The transformer's environment (spec §4.1), validated at start.</summary>
public sealed class TransformerSettings : ServiceSettings
{
    public string IngressQueue { get; private set; } = string.Empty;

    /// <summary>The session to read; null reads the queue without sessions.</summary>
    public string? IngressSessionId { get; private set; }

    public string EgressQueue { get; private set; } = string.Empty;

    /// <summary>The session stamped on output; null sends without a session.</summary>
    public string? EgressSessionId { get; private set; }

    /// <summary>Messages per receive (the existing system's config.ini MAX_BATCH_SIZE).</summary>
    public int MaxBatchSize { get; private set; } = 100;

    /// <summary>How long one receive waits for the first message.</summary>
    public TimeSpan ReceiveWait { get; private set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first back-off after a failure (spec: 5 s); it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest back-off (spec: 15 min).</summary>
    public TimeSpan MaxRetryDelay { get; private set; } = TimeSpan.FromMinutes(15);

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        IngressQueue = reader.Required("INGRESS_QUEUE_NAME");
        IngressSessionId = reader.Optional("INGRESS_SESSION_ID");
        EgressQueue = reader.Required("EGRESS_QUEUE_NAME");
        EgressSessionId = reader.Optional("EGRESS_SESSION_ID");
        MaxBatchSize = reader.Number("MAX_BATCH_SIZE", n => n is >= 1 and <= 1000, "must be from 1 to 1000") ?? 100;
        ReceiveWait = TimeSpan.FromSeconds(reader.Number("RECEIVE_WAIT_SECONDS", n => n is >= 1 and <= 300, "must be from 1 to 300") ?? 60);
        InitialRetryDelay = TimeSpan.FromMilliseconds(reader.Number("RETRY_INITIAL_DELAY_MS", n => n >= 1, "must be at least 1") ?? 5000);
        MaxRetryDelay = TimeSpan.FromMilliseconds(reader.Number("RETRY_MAX_DELAY_MS", n => n >= 1, "must be at least 1") ?? 900_000);
    }
}
