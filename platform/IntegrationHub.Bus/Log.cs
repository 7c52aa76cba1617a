using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus;

/// <summary>All log events of the bus client, source-generated so their state is structured.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Connected to the bus at {Host}:{Port} (TLS {Tls}, connection {Generation})")]
    public static partial void Connected(ILogger logger, string host, int port, bool tls, int generation);

    [LoggerMessage(1002, LogLevel.Warning, "Connecting to the bus at {Host}:{Port} failed (attempt {Attempt}); retrying in {DelaySeconds:F1} s")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string host, int port, int attempt, double delaySeconds);

    [LoggerMessage(1003, LogLevel.Warning, "Bus connection {Generation} to {Host}:{Port} closed ({Condition}: {Description})")]
    public static partial void ConnectionLost(ILogger logger, string host, int port, int generation, string? condition, string? description);

    [LoggerMessage(1004, LogLevel.Debug, "Put a {TokenType} token for {Audience}, valid until {ExpiresAt}")]
    public static partial void TokenPut(ILogger logger, string audience, string tokenType, DateTimeOffset expiresAt);

    [LoggerMessage(1005, LogLevel.Warning, "Refreshing the token for {Audience} failed; retrying")]
    public static partial void TokenRefreshFailed(ILogger logger, Exception exception, string audience);

    [LoggerMessage(1010, LogLevel.Warning, "Send to {Entity} failed (attempt {Attempt} of {Attempts}, {Reason}); retrying")]
    public static partial void SendRetry(ILogger logger, Exception exception, string entity, int attempt, int attempts, BusFailureReason reason);

    [LoggerMessage(1011, LogLevel.Debug, "Link {LinkName} on {Entity} attached")]
    public static partial void LinkAttached(ILogger logger, string linkName, string entity);

    [LoggerMessage(1012, LogLevel.Information, "Receiver on {Entity} locked session {SessionId} until {LockedUntil}")]
    public static partial void SessionLocked(ILogger logger, string entity, string? sessionId, DateTimeOffset? lockedUntil);

    [LoggerMessage(1013, LogLevel.Warning, "Receiver link on {Entity} closed ({Condition}); the next receive re-attaches")]
    public static partial void ReceiverLinkLost(ILogger logger, string entity, string? condition);

    [LoggerMessage(1020, LogLevel.Warning, "Handling message {MessageId} (sequence {SequenceNumber}, delivery {DeliveryCount}) from {Entity} failed; abandoning it and {Remaining} more, next attempt in {DelaySeconds:F1} s (retry {Attempt})")]
    public static partial void HandlerFailed(ILogger logger, Exception? exception, string entity, string? messageId, long sequenceNumber, int deliveryCount, int remaining, double delaySeconds, int attempt);

    [LoggerMessage(1021, LogLevel.Warning, "Receiving from {Entity} failed ({Reason}); next attempt in {DelaySeconds:F1} s (retry {Attempt})")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string entity, BusFailureReason reason, double delaySeconds, int attempt);

    [LoggerMessage(1022, LogLevel.Information, "Session {SessionId} on {Entity} is held by another receiver; waiting {DelaySeconds:F0} s")]
    public static partial void SessionBusy(ILogger logger, string entity, string? sessionId, double delaySeconds);

    [LoggerMessage(1023, LogLevel.Warning, "Renewing locks on {Entity} failed")]
    public static partial void RenewFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(1024, LogLevel.Warning, "Settling or releasing messages on {Entity} failed")]
    public static partial void SettleFailed(ILogger logger, Exception exception, string entity);

    [LoggerMessage(1025, LogLevel.Debug, "Processed a batch of {Count} from {Entity}; back-off reset")]
    public static partial void BatchSucceeded(ILogger logger, string entity, int count);

    [LoggerMessage(1026, LogLevel.Warning, "Message {MessageId} (sequence {SequenceNumber}, delivery {DeliveryCount}) from {Entity} was handled before its completion was lost; completing it without handling it again")]
    public static partial void AlreadyHandled(ILogger logger, string entity, string? messageId, long sequenceNumber, int deliveryCount);

    [LoggerMessage(1027, LogLevel.Warning, "Marking message {MessageId} (sequence {SequenceNumber}) from {Entity} handled in the session state failed; completing it anyway")]
    public static partial void MarkFailed(ILogger logger, Exception exception, string entity, string? messageId, long sequenceNumber);
}
