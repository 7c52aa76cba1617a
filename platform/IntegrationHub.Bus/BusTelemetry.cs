using System.Diagnostics;

namespace IntegrationHub.Bus;

/// <summary>
/// Tracing of the bus port: W3C trace context carried in application properties (spec §10.2/§10.3). Metrics are left
/// to the host (<see cref="Processing.BusProcessorOptions.BackoffScheduled"/> feeds its <c>retry_delay_seconds</c>
/// gauge) so the dashboard contract has a single owner and nothing is counted twice.
/// </summary>
public static class BusTelemetry
{
    public const string SourceName = "IntegrationHub.Bus";
    public const string TraceParentProperty = "traceparent";
    public const string TraceStateProperty = "tracestate";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    /// <summary>
    /// Adds the sender's trace context (W3C) to outgoing properties unless the caller set one: the context captured
    /// when the message was queued (<see cref="Capture"/>), else the current one.
    /// </summary>
    internal static void Inject(IDictionary<string, object?> properties, OutgoingMessage source)
    {
        if (properties.ContainsKey(TraceParentProperty))
        {
            return;
        }

        var (traceParent, traceState) = source.CapturedTraceContext ?? (Activity.Current?.Id, Activity.Current?.TraceStateString);
        if (traceParent is null)
        {
            return;
        }

        properties[TraceParentProperty] = traceParent;
        if (!string.IsNullOrEmpty(traceState))
        {
            properties[TraceStateProperty] = traceState;
        }
    }

    /// <summary>Records the current trace context on a message that will be encoded later, on another thread.</summary>
    internal static void Capture(OutgoingMessage message)
    {
        if (Activity.Current is { } activity)
        {
            message.CapturedTraceContext = (activity.Id, activity.TraceStateString);
        }
    }

    /// <summary>Starts the consumer activity for one message, parented on the trace context it carries.</summary>
    internal static Activity? StartProcessing(string entityPath, ReceivedMessage message)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (message.ApplicationProperties.TryGetValue(TraceParentProperty, out var traceParent) && traceParent is string text)
        {
            var traceState = message.ApplicationProperties.TryGetValue(TraceStateProperty, out var state) ? state as string : null;
            ActivityContext.TryParse(text, traceState, isRemote: true, out parent);
        }

        var activity = ActivitySource.StartActivity("process " + entityPath, ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "servicebus");
        activity?.SetTag("messaging.destination.name", entityPath);
        activity?.SetTag("messaging.message.id", message.MessageId);
        return activity;
    }
}
