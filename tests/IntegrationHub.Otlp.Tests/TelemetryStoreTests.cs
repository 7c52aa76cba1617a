using IntegrationHub.Otlp.Decoding;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Otlp.Tests;

public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_resource_keeps_only_its_newest_logs()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxLogsPerResource = 3 });
        for (var i = 1; i <= 5; i++)
        {
            store.AddLogs(LogsDecoder.Decode(Otlp.LogsRequest("phw-server", "cat", Now, (9, "server " + i))));
        }

        store.AddLogs(LogsDecoder.Decode(Otlp.LogsRequest("phw-sender", "cat", Now, (9, "sender 1"))));

        Assert.Equal(["server 3", "server 4", "server 5"], store.QueryLogs(new LogQuery("phw-server")).Select(l => l.Message));
        Assert.Equal(["server 3", "server 4", "server 5", "sender 1"], store.QueryLogs(new LogQuery()).Select(l => l.Message));
        Assert.Equal([3L, 4L, 5L, 6L], store.QueryLogs(new LogQuery()).Select(l => l.Sequence));
        Assert.Equal(["phw-sender", "phw-server"], store.Resources);
    }

    [Fact]
    public void Queries_filter_by_level_text_and_sequence_and_return_the_newest_max_oldest_first()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions());
        store.AddLogs(LogsDecoder.Decode(Otlp.LogsRequest("svc", "IntegrationHub.Sender", Now,
            (9, "sent MSG1"), (13, "slow MSG2"), (17, "failed MSG3"), (21, "crashed"), (5, "debug MSG5"))));

        Assert.Equal(["failed MSG3", "crashed"], Messages(store, new LogQuery(MinLevel: "error")));
        Assert.Equal(["slow MSG2", "failed MSG3", "crashed"], Messages(store, new LogQuery(MinLevel: "WARN")));
        Assert.Equal(["sent MSG1", "slow MSG2", "failed MSG3", "debug MSG5"], Messages(store, new LogQuery(Text: "msg")));
        Assert.Equal(5, store.QueryLogs(new LogQuery(Text: "integrationhub.sender")).Count);
        Assert.Equal(["crashed", "debug MSG5"], Messages(store, new LogQuery(AfterSequence: 3)));
        Assert.Equal(["crashed", "debug MSG5"], Messages(store, new LogQuery(Max: 2)));
        Assert.Empty(store.QueryLogs(new LogQuery(Resource: "other")));
        Assert.Empty(store.QueryLogs(new LogQuery(Max: 0)));
    }

    [Fact]
    public void Each_new_record_is_announced_once_in_order()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions());
        var seen = new List<StructuredLog>();
        store.LogReceived += seen.Add;

        store.AddLogs(LogsDecoder.Decode(Otlp.LogsRequest("svc", "cat", Now, (9, "one"), (9, "two"))));

        Assert.Equal(["one", "two"], seen.Select(l => l.Message));
        Assert.Equal(store.QueryLogs(new LogQuery()), seen);
    }

    [Fact]
    public void Metric_points_older_than_the_history_are_dropped()
    {
        var clock = new FakeTimeProvider(Now);
        var store = new TelemetryStore(new TelemetryStoreOptions { MetricHistory = TimeSpan.FromMinutes(15), TimeProvider = clock });
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddMinutes(-20), 1)));
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddMinutes(-10), 5)));
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now, 9)));

        Assert.Equal([5.0, 9.0], Assert.Single(store.QueryMetrics()).Points.Select(p => p.Value));

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([9.0], Assert.Single(store.QueryMetrics("svc", "received")).Points.Select(p => p.Value));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(store.QueryMetrics());
        Assert.Equal(["svc"], store.Resources);
    }

    [Fact]
    public void Delta_sums_are_stored_as_running_totals()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { TimeProvider = new FakeTimeProvider(Now) });
        foreach (var (seconds, delta) in new[] { (-30, 4L), (-20, 6L), (-10, 10L) })
        {
            store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddSeconds(seconds), delta, delta: true)));
        }

        var series = Assert.Single(store.QueryMetrics());
        Assert.Equal([4.0, 10.0, 20.0], series.Points.Select(p => p.Value));
        Assert.Equal(0.8, series.RatePerSecond(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_late_point_is_ignored_and_a_repeated_time_replaces_the_last_point()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { TimeProvider = new FakeTimeProvider(Now) });
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddSeconds(-10), 5)));
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddSeconds(-20), 3)));
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddSeconds(-10), 6)));

        Assert.Equal([6.0], Assert.Single(store.QueryMetrics()).Points.Select(p => p.Value));
    }

    [Fact]
    public void Series_beyond_the_limit_are_counted_and_not_kept()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxMetricSeries = 2, TimeProvider = new FakeTimeProvider(Now) });
        foreach (var name in new[] { "a", "b", "c" })
        {
            store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", name, Now, 1)));
        }

        Assert.Equal(["a", "b"], store.QueryMetrics().Select(s => s.Name));
        Assert.Equal(1, store.DroppedMetricPoints);
    }

    [Fact]
    public void Queried_series_are_snapshots_that_later_points_do_not_change()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { TimeProvider = new FakeTimeProvider(Now) });
        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now.AddSeconds(-10), 1)));
        var before = Assert.Single(store.QueryMetrics());

        store.AddMetricPoints(MetricsDecoder.Decode(Otlp.SumRequest("svc", "received", Now, 2)));

        Assert.Single(before.Points);
        Assert.Equal(2, Assert.Single(store.QueryMetrics()).Points.Count);
    }

    [Fact]
    public void Concurrent_writers_and_readers_lose_nothing()
    {
        var store = new TelemetryStore(new TelemetryStoreOptions { MaxLogsPerResource = 100_000 });
        var body = Otlp.LogsRequest("svc", "cat", Now, (9, "a"), (9, "b"));
        Parallel.For(0, 500, i =>
        {
            store.AddLogs(LogsDecoder.Decode(body));
            _ = store.QueryLogs(new LogQuery(Max: 10));
        });

        var logs = store.QueryLogs(new LogQuery(Max: int.MaxValue));
        Assert.Equal(1000, logs.Count);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), logs.Select(l => l.Sequence));
    }

    private static IEnumerable<string> Messages(TelemetryStore store, LogQuery query) =>
        store.QueryLogs(query).Select(l => l.Message);
}
