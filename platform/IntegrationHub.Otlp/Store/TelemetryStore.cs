using IntegrationHub.Otlp.Decoding;

namespace IntegrationHub.Otlp;

/// <summary>
/// What the OTLP receiver has been sent, held in memory for the local dashboard: structured logs in a ring buffer
/// per resource, metric series with a bounded time history, and a count of trace spans. Thread-safe: the receiver
/// writes from request threads while the dashboard reads; every query returns a snapshot.
/// </summary>
public sealed partial class TelemetryStore
{
    private readonly TelemetryStoreOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<StructuredLog>> _logs = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _resources = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _resourceSnapshot = [];
    private long _sequence;
    private long _traceSpans;

    public TelemetryStore(TelemetryStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLogsPerResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MetricHistory, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMetricSeries, 1);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        _options = options;
    }

    /// <summary>Raised after a record is stored, on the receiving request's thread; keep handlers short.</summary>
    public event Action<StructuredLog>? LogReceived;

    /// <summary>The service.name of every resource that sent anything, sorted.</summary>
    public IReadOnlyList<string> Resources
    {
        get
        {
            lock (_gate)
            {
                return _resourceSnapshot;
            }
        }
    }

    public long TraceSpansReceived => Interlocked.Read(ref _traceSpans);

    public IReadOnlyList<StructuredLog> QueryLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Max <= 0)
        {
            return [];
        }

        var minRank = LogLevelNames.Parse(query.MinLevel) is { } min ? LogLevelNames.Rank(min) : 0;
        var text = string.IsNullOrEmpty(query.Text) ? null : query.Text;
        var matches = new List<StructuredLog>();
        lock (_gate)
        {
            foreach (var (resource, records) in _logs)
            {
                if (query.Resource is not null && !string.Equals(resource, query.Resource, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var record in records)
                {
                    if (record.Sequence > query.AfterSequence
                        && LogLevelNames.Rank(record.Level) >= minRank
                        && (text is null || Contains(record, text)))
                    {
                        matches.Add(record);
                    }
                }
            }
        }

        matches.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return matches.Count <= query.Max ? matches : matches.GetRange(matches.Count - query.Max, query.Max);
    }

    internal void AddLogs(List<DecodedLog> decoded)
    {
        var stored = new StructuredLog[decoded.Count];
        lock (_gate)
        {
            for (var i = 0; i < decoded.Count; i++)
            {
                var log = decoded[i];
                NoteResource(log.Resource);
                if (!_logs.TryGetValue(log.Resource, out var records))
                {
                    records = new Queue<StructuredLog>();
                    _logs.Add(log.Resource, records);
                }

                var record = new StructuredLog(++_sequence, log.Timestamp, log.Resource, log.Level, log.Category,
                    log.Message, log.Attributes, log.TraceId, log.SpanId);
                records.Enqueue(record);
                while (records.Count > _options.MaxLogsPerResource)
                {
                    records.Dequeue();
                }

                stored[i] = record;
            }
        }

        // Outside the lock: a handler that queries the store must not deadlock or stall other writers.
        if (LogReceived is { } handlers)
        {
            Announce(handlers, stored);
        }
    }

    /// <summary>
    /// Every handler sees every record even when one of them throws; the failures are thrown together afterwards
    /// so the receiver can log them without failing a request whose records are already stored.
    /// </summary>
    private static void Announce(Action<StructuredLog> handlers, StructuredLog[] records)
    {
        List<Exception>? failures = null;
        var subscribers = handlers.GetInvocationList();
        foreach (var record in records)
        {
            foreach (var subscriber in subscribers)
            {
                try
                {
                    ((Action<StructuredLog>)subscriber)(record);
                }
                catch (Exception e)
                {
                    (failures ??= []).Add(e);
                }
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("A LogReceived handler failed.", failures);
        }
    }

    internal void AddTraceSpans(List<(string Resource, int Spans)> spans)
    {
        lock (_gate)
        {
            foreach (var (resource, count) in spans)
            {
                NoteResource(resource);
                Interlocked.Add(ref _traceSpans, count);
            }
        }
    }

    private static bool Contains(StructuredLog record, string text)
    {
        if (record.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || record.Category.Contains(text, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var value in record.Attributes.Values)
        {
            if (value.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Callers hold _gate.
    private void NoteResource(string resource)
    {
        if (_resources.Add(resource))
        {
            _resourceSnapshot = Array.AsReadOnly(_resources.ToArray());
        }
    }
}
