using System.Globalization;
using IntegrationHub.Hl7;

namespace IntegrationHub.Runtime.Server;

/// <summary>The application properties every published message carries (spec §2.7). Names are a contract.</summary>
public static class TrackingProperties
{
    public const string MessageReceivedAt = "MessageReceivedAt";
    public const string CorrelationId = "CorrelationId";
    public const string WorkflowId = "WorkflowID";
    public const string SourceSystem = "SourceSystem";

    /// <summary>UTC, ISO-8601 with microseconds and offset, e.g. <c>2026-11-23T22:35:38.857238+00:00</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>Reads a <see cref="MessageReceivedAt"/> value back (any ISO-8601 form with an offset).</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);

    public static Dictionary<string, object?> Create(Hl7Message message, string workflowId, string correlationId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [MessageReceivedAt] = FormatTimestamp(receivedAt),
            [CorrelationId] = correlationId,
            [WorkflowId] = workflowId,
            [SourceSystem] = message.Get("MSH-3(1)"),
        };
    }
}

/// <summary>
/// A flow's extra bus properties (spec §2.7, e.g. the MPI outbound flow's MessageType and UpdateSources), used by
/// subscription filters downstream. A provider that throws is logged and ignored; the common properties stay.
/// </summary>
public interface IBusPropertyProvider
{
    void AddProperties(Hl7Message message, IDictionary<string, object?> properties);
}
