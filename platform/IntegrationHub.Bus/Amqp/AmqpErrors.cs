using Amqp;
using Amqp.Framing;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Maps AMQP error conditions and management status codes to <see cref="BusException"/> (spec §9).</summary>
internal static class AmqpErrors
{
    public const string DeadLetterCondition = "com.microsoft:dead-letter";

    public static BusException FromError(Error? error, string context, BusFailureReason fallback = BusFailureReason.CommunicationError)
    {
        if (error is null)
        {
            return new BusException(fallback, $"{context}: the link or connection closed.");
        }

        var condition = error.Condition?.ToString();
        var reason = ReasonFor(condition, fallback);
        var text = string.IsNullOrEmpty(error.Description) ? condition : $"{condition}: {error.Description}";
        return new BusException(reason, $"{context}: {text}", condition);
    }

    public static BusException FromException(Exception exception, string context) => exception switch
    {
        BusException bus => bus,
        AmqpException amqp => FromError(amqp.Error, context),
        TimeoutException => new BusException(BusFailureReason.Timeout, $"{context}: timed out.", null, exception),
        System.Net.Sockets.SocketException or IOException or ObjectDisposedException or InvalidOperationException =>
            new BusException(BusFailureReason.CommunicationError, $"{context}: {exception.Message}", null, exception),
        _ => new BusException(BusFailureReason.General, $"{context}: {exception.Message}", null, exception),
    };

    /// <summary>
    /// Runs link/session set-up and turns AMQPNetLite's own exceptions (thrown synchronously when a connection is
    /// closing under us) into <see cref="BusException"/>, so callers only ever handle one exception type.
    /// </summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> action, string context)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not ObjectDisposedException
            && ex is AmqpException or InvalidOperationException or System.Net.Sockets.SocketException or IOException)
        {
            throw FromException(ex, context);
        }
    }

    public static BusFailureReason ReasonFor(string? condition, BusFailureReason fallback) => condition switch
    {
        "amqp:not-found" => BusFailureReason.EntityNotFound,
        "amqp:unauthorized-access" or "com.microsoft:auth-failed" => BusFailureReason.Unauthorized,
        "amqp:not-allowed" or "amqp:not-implemented" => BusFailureReason.NotAllowed,
        "amqp:link:message-size-exceeded" => BusFailureReason.MessageSizeExceeded,
        "com.microsoft:message-lock-lost" => BusFailureReason.MessageLockLost,
        "com.microsoft:session-lock-lost" => BusFailureReason.SessionLockLost,
        "com.microsoft:session-cannot-be-locked" => BusFailureReason.SessionCannotBeLocked,
        "com.microsoft:timeout" => BusFailureReason.Timeout,
        "com.microsoft:server-busy" or "amqp:resource-limit-exceeded" => BusFailureReason.ServiceBusy,
        "amqp:link:detach-forced" or "amqp:connection:forced" or "amqp:link:stolen" or "amqp:internal-error"
            or "amqp:connection:framing-error" or "com.microsoft:store-lock-lost" => BusFailureReason.CommunicationError,
        null => fallback,
        _ => BusFailureReason.General,
    };

    /// <summary>Management/CBS status codes (HTTP-like) to failure reasons, used when no condition was sent.</summary>
    public static BusFailureReason ReasonForStatus(int status) => status switch
    {
        400 => BusFailureReason.General,
        401 or 403 => BusFailureReason.Unauthorized,
        404 => BusFailureReason.EntityNotFound,
        408 => BusFailureReason.Timeout,
        410 => BusFailureReason.MessageLockLost,
        503 => BusFailureReason.ServiceBusy,
        _ => BusFailureReason.General,
    };
}
