namespace IntegrationHub.AppHost.Dashboard.Journey;

public sealed partial class JourneyStore
{
    /// <summary>
    /// Each flow's traffic over the last <paramref name="window"/>, from the audit events: messages first seen
    /// (received) and MESSAGE_SENT events (delivered) per second, and the end-to-end latency of each delivery
    /// (first event of its control id to its MESSAGE_SENT).
    /// </summary>
    public IReadOnlyList<FlowTraffic> Traffic(TimeSpan window)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)window.TotalMilliseconds;
        var received = Query(
            """
            SELECT workflow_id, COUNT(*) FROM (
                SELECT workflow_id, MIN(timestamp_ms) AS first_ms FROM events
                WHERE control_id IS NOT NULL AND control_id IN (SELECT control_id FROM events WHERE timestamp_ms >= $since)
                GROUP BY workflow_id, control_id)
            WHERE first_ms >= $since GROUP BY workflow_id
            """,
            r => (Flow: r.GetString(0), Count: r.GetInt32(1)),
            ("$since", since)).ToDictionary(x => x.Flow, x => x.Count, StringComparer.Ordinal);
        var latencies = Query(
            """
            SELECT s.workflow_id, s.timestamp_ms - (SELECT MIN(e.timestamp_ms) FROM events e WHERE e.control_id = s.control_id)
            FROM events s WHERE s.event_type = 'MESSAGE_SENT' AND s.control_id IS NOT NULL AND s.timestamp_ms >= $since
            """,
            r => (Flow: r.GetString(0), Ms: (double)r.GetInt64(1)),
            ("$since", since)).ToLookup(x => x.Flow, x => x.Ms, StringComparer.Ordinal);
        var failed = Query(
            "SELECT workflow_id, COUNT(*) FROM events WHERE event_type IN ('MESSAGE_FAILED', 'VALIDATION_FAILED') AND timestamp_ms >= $since GROUP BY workflow_id",
            r => (Flow: r.GetString(0), Count: r.GetInt32(1)),
            ("$since", since)).ToDictionary(x => x.Flow, x => x.Count, StringComparer.Ordinal);

        var seconds = Math.Max(1, window.TotalSeconds);
        return received.Keys.Concat(latencies.Select(g => g.Key)).Concat(failed.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(flow =>
            {
                var sorted = latencies[flow].Order().ToList();
                return new FlowTraffic(flow, received.GetValueOrDefault(flow) / seconds, sorted.Count / seconds, sorted.Count,
                    Percentile(sorted, 0.50), Percentile(sorted, 0.95), failed.GetValueOrDefault(flow));
            })
            .ToList();
    }

    /// <summary>Nearest-rank percentile of sorted values; null when there are none.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
