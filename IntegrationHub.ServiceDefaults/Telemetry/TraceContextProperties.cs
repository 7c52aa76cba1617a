using System.Diagnostics;

namespace IntegrationHub.ServiceDefaults.Telemetry;

/// <summary>
/// Carries W3C trace context in bus message application properties (<c>traceparent</c>, <c>tracestate</c>), as the
/// existing system does (spec §10.2, §13), so one message is one trace from server to sender.
/// </summary>
public static class TraceContextProperties
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Adds the current activity's context to <paramref name="properties"/> (nothing when there is none).</summary>
    public static void Inject(IDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        properties[TraceParent] = activity.Id!;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            properties[TraceState] = activity.TraceStateString;
        }
    }

    /// <summary>The parent context carried by a received message, or default when it carries none (or a bad one).</summary>
    public static ActivityContext Extract(IReadOnlyDictionary<string, object?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.TryGetValue(TraceParent, out var parent) || parent is not string traceParent)
        {
            return default;
        }

        var traceState = properties.TryGetValue(TraceState, out var state) ? state as string : null;
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
