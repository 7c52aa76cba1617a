namespace IntegrationHub.Bus;

/// <summary>Why a bus operation failed; callers branch on this rather than on AMQP condition strings.</summary>
public enum BusFailureReason
{
    /// <summary>Anything not covered below.</summary>
    General,
    /// <summary>The connection or link broke; the operation may or may not have taken effect.</summary>
    CommunicationError,
    /// <summary>The broker did not answer in time; the outcome is unknown (a send may still have been accepted).</summary>
    Timeout,
    /// <summary>The queue, topic or subscription does not exist.</summary>
    EntityNotFound,
    /// <summary>Authentication failed or a claim is missing.</summary>
    Unauthorized,
    /// <summary>The message is larger than the entity accepts.</summary>
    MessageSizeExceeded,
    /// <summary>The lock on a message expired, or the link it came from is gone: it was not settled.</summary>
    MessageLockLost,
    /// <summary>The session lock expired or the session link is gone.</summary>
    SessionLockLost,
    /// <summary>Another receiver holds the requested session, or no session became available in time.</summary>
    SessionCannotBeLocked,
    /// <summary>The broker is throttling.</summary>
    ServiceBusy,
    /// <summary>The operation is not valid for this entity (e.g. no session id on a session queue).</summary>
    NotAllowed,
    /// <summary>The broker rejected a sent message for a reason not listed above.</summary>
    Rejected,
}

/// <summary>A failed bus operation. <see cref="IsTransient"/> tells whether retrying can help.</summary>
public class BusException : Exception
{
    public BusException()
    {
    }

    public BusException(string message)
        : base(message)
    {
    }

    public BusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BusException(BusFailureReason reason, string message, string? condition = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Condition = condition;
    }

    public BusFailureReason Reason { get; }

    /// <summary>The AMQP error condition the broker sent, when there was one.</summary>
    public string? Condition { get; }

    public bool IsTransient => Reason is BusFailureReason.CommunicationError or BusFailureReason.Timeout
        or BusFailureReason.ServiceBusy or BusFailureReason.General;
}
