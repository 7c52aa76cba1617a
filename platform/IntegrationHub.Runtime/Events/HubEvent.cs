namespace IntegrationHub.Runtime.Events;

/// <summary>
/// One audit event (spec §11.1). <see cref="MessageContent"/> is already redacted unless redaction is switched
/// off. <see cref="ControlId"/> (MSH-10) is an addition of the hub: it lets the dashboard follow one message's
/// journey across services.
/// </summary>
public sealed record HubEvent(
    string WorkflowId,
    string MicroserviceId,
    HubEventType EventType,
    DateTimeOffset Timestamp,
    string MessageContent,
    string? ValidationResult,
    string? ErrorDetails,
    string? CorrelationId,
    string? ControlId,
    string? TraceId,
    string? SpanId)
{
    /// <summary>The dimension holding the (redacted) message.</summary>
    public const string ContentDimension = "message_content";

    /// <summary>The event as the dimensions the dashboard's queries read (snake_case names of the existing system).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Dimensions()
    {
        var dimensions = new List<KeyValuePair<string, object?>>(12)
        {
            new("workflow_id", WorkflowId),
            new("microservice_id", MicroserviceId),
            new("event_type", EventType.Name()),
            new("timestamp", Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            new(ContentDimension, MessageContent),
        };
        Add(dimensions, "validation_result", ValidationResult);
        Add(dimensions, "error_details", ErrorDetails);
        Add(dimensions, "correlation_id", CorrelationId);
        Add(dimensions, "control_id", ControlId);
        Add(dimensions, "otel_trace_id", TraceId);
        Add(dimensions, "otel_span_id", SpanId);
        return dimensions;
    }

    private static void Add(List<KeyValuePair<string, object?>> dimensions, string name, string? value)
    {
        if (value is not null)
        {
            dimensions.Add(new(name, value));
        }
    }
}
