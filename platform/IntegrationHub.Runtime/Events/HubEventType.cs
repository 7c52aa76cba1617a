namespace IntegrationHub.Runtime.Events;

/// <summary>The audit event types of the existing system; their names are part of the dashboard contract.</summary>
public enum HubEventType
{
    MessageReceived,
    MessageProcessed,
    MessageSent,
    MessageFailed,
    ValidationSuccess,
    ValidationFailed,
}

public static class HubEventTypeNames
{
    public static string Name(this HubEventType type) => type switch
    {
        HubEventType.MessageReceived => "MESSAGE_RECEIVED",
        HubEventType.MessageProcessed => "MESSAGE_PROCESSED",
        HubEventType.MessageSent => "MESSAGE_SENT",
        HubEventType.MessageFailed => "MESSAGE_FAILED",
        HubEventType.ValidationSuccess => "VALIDATION_SUCCESS",
        HubEventType.ValidationFailed => "VALIDATION_FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
