using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Helpers for the request/response envelopes of <c>$management</c> and <c>$cbs</c> (spec §2, §7.2).</summary>
internal static class ManagementMessages
{
    public static Message Request(string operation, Map body, string? associatedLinkName)
    {
        var message = new Message { BodySection = new AmqpValue { Value = body }, ApplicationProperties = new ApplicationProperties() };
        message.ApplicationProperties["operation"] = operation;
        message.ApplicationProperties["com.microsoft:server-timeout"] = 60000u;
        if (associatedLinkName is not null)
        {
            message.ApplicationProperties["associated-link-name"] = associatedLinkName;
        }

        return message;
    }

    /// <summary>Reads an integer status whatever integer width the peer chose.</summary>
    public static int? StatusCode(Message response, string key)
    {
        var value = response.ApplicationProperties?[key];
        return value switch
        {
            int i => i,
            long l => (int)l,
            uint u => (int)u,
            short s => s,
            ushort us => us,
            byte b => b,
            sbyte sb => sb,
            ulong ul => (int)ul,
            _ => null,
        };
    }

    /// <summary>Throws the mapped <see cref="BusException"/> unless the management status is 200 (or 204 when allowed).</summary>
    public static void EnsureSuccess(Message response, string operation, bool allowNoContent = false)
    {
        var status = StatusCode(response, "statusCode") ?? StatusCode(response, "status-code") ?? 500;
        if (status == 200 || (allowNoContent && status == 204))
        {
            return;
        }

        var description = (response.ApplicationProperties?["statusDescription"] ?? response.ApplicationProperties?["status-description"]) as string;
        var condition = response.ApplicationProperties?["errorCondition"]?.ToString();
        var reason = condition is null ? AmqpErrors.ReasonForStatus(status) : AmqpErrors.ReasonFor(condition, AmqpErrors.ReasonForStatus(status));
        throw new BusException(reason, $"{operation} failed ({status}: {description})", condition);
    }

    public static Map? BodyMap(Message response) => response.Body as Map;

    public static DateTimeOffset ToOffset(object? value) => value switch
    {
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        _ => DateTimeOffset.MinValue,
    };
}
