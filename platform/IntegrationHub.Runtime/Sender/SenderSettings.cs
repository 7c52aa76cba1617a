using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Sender;

/// <summary>The sender's environment (spec §8.1, §9), validated at start.</summary>
public sealed class SenderSettings : ServiceSettings
{
    /// <summary>The queue, or <c>topic/Subscriptions/subscription</c> for a subscription sender (spec §9).</summary>
    public string IngressEntity { get; private set; } = string.Empty;

    public string? IngressSessionId { get; private set; }

    public string ReceiverHost { get; private set; } = string.Empty;

    public int ReceiverPort { get; private set; }

    /// <summary>TLS / mutual TLS towards the destination (RECEIVER_MLLP_TLS_*); null for plain TCP.</summary>
    public IntegrationHub.Mllp.MllpClientTlsOptions? ReceiverTls { get; private set; }

    public TimeSpan AckTimeout { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>Null = no throttling.</summary>
    public int? MaxMessagesPerMinute { get; private set; }

    public string? MessageStoreQueue { get; private set; }

    /// <summary>How long a delivered control id (MSH-10) is remembered to suppress a second delivery; zero disables.</summary>
    public TimeSpan DuplicateWindow { get; private set; } = TimeSpan.FromHours(24);

    /// <summary>Where the delivered-message log lives (SQLite); a temp folder per ingress entity by default.</summary>
    public string StateDirectory { get; private set; } = string.Empty;

    public TimeSpan ReceiveWait { get; private set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first back-off after a failure (spec: 5 s); it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest back-off (spec: 15 min).</summary>
    public TimeSpan MaxRetryDelay { get; private set; } = TimeSpan.FromMinutes(15);

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var queue = reader.Optional("INGRESS_QUEUE_NAME");
        var topic = reader.Optional("INGRESS_TOPIC_NAME");
        var subscription = reader.Optional("INGRESS_SUBSCRIPTION_NAME");
        if (queue is not null && topic is null)
        {
            IngressEntity = queue;
            IngressSessionId = reader.Required("INGRESS_SESSION_ID");
        }
        else if (queue is null && topic is not null && subscription is not null)
        {
            IngressEntity = $"{topic}/Subscriptions/{subscription}";
            IngressSessionId = reader.Optional("INGRESS_SESSION_ID");
        }
        else
        {
            reader.Fail("Either INGRESS_QUEUE_NAME (with INGRESS_SESSION_ID) or INGRESS_TOPIC_NAME with INGRESS_SUBSCRIPTION_NAME must be provided");
        }

        ReceiverHost = reader.Required("RECEIVER_MLLP_HOST");
        ReceiverPort = reader.Number("RECEIVER_MLLP_PORT", p => p is >= 1 and <= 65535, "must be a port number from 1 to 65535") ?? 0;
        if (reader.Optional("RECEIVER_MLLP_PORT") is null)
        {
            reader.Fail("Missing required configuration: RECEIVER_MLLP_PORT");
        }

        ReceiverTls = SenderTlsSettings.Read(reader);

        // 0 or unset means the default, as in the existing system.
        var ackTimeout = reader.Number("ACK_TIMEOUT_SECONDS", t => t >= 0, "must not be negative");
        AckTimeout = TimeSpan.FromSeconds(ackTimeout is > 0 ? ackTimeout.Value : 30);
        MaxMessagesPerMinute = reader.Number("MAX_MESSAGES_PER_MINUTE", m => m > 0, "must be greater than 0");
        MessageStoreQueue = reader.OnUnless("MESSAGE_STORE_ENABLED", "false") ? reader.Optional("MESSAGE_STORE_QUEUE_NAME") : null;
        var hours = reader.Number("DUPLICATE_WINDOW_HOURS", h => h is >= 0 and <= 24 * 30, "must be from 0 to 720");
        DuplicateWindow = TimeSpan.FromHours(hours ?? 24);
        StateDirectory = reader.Optional("SENDER_STATE_DIR")
            ?? Path.Combine(Path.GetTempPath(), "integration-hub", "sender-" + string.Concat(IngressEntity.Split(Path.GetInvalidFileNameChars())));
        ReceiveWait = TimeSpan.FromSeconds(reader.Number("RECEIVE_WAIT_SECONDS", n => n is >= 1 and <= 300, "must be from 1 to 300") ?? 60);
        InitialRetryDelay = TimeSpan.FromMilliseconds(reader.Number("RETRY_INITIAL_DELAY_MS", n => n >= 1, "must be at least 1") ?? 5000);
        MaxRetryDelay = TimeSpan.FromMilliseconds(reader.Number("RETRY_MAX_DELAY_MS", n => n >= 1, "must be at least 1") ?? 900_000);
    }
}
