using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Otlp.Tests;

/// <summary>
/// The real OpenTelemetry .NET OTLP exporter (HTTP + protobuf) sending to the receiver on Kestrel: what the hub's
/// services will do when the AppHost points OTEL_EXPORTER_OTLP_ENDPOINT at its dashboard.
/// </summary>
public sealed class ExporterRoundTripTests
{
    private const string ApiKey = "local-dashboard-key";
    private const string Category = "IntegrationHub.Phw.Server.Listener";

    [Fact]
    public async Task Structured_logs_arrive_with_resource_level_category_message_attributes_and_trace_context()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var source = new ActivitySource(UniqueName());
        using var host = ExportingHost.Build(receiver, ApiKey, UniqueName(), source.Name);
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

        string traceId, spanId;
        using (var activity = source.StartActivity("receive"))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            using (logger.BeginScope(new Dictionary<string, object> { ["WorkflowId"] = "phw-to-mpi" }))
            {
                TestLog.Rejected(logger, "MSG00001", 3);
            }
        }

        TestLog.SendFailed(logger, new InvalidOperationException("connection refused"), "mpi");
        host.FlushLogs();
        var logs = await Eventually.ValueAsync(
            () => receiver.Store.QueryLogs(new LogQuery()) is { Count: >= 2 } found ? found : null, "two log records");

        Assert.Equal([ExportingHost.Service], receiver.Store.Resources);
        var rejected = Assert.Single(logs, l => l.Level == LogLevelNames.Warning);
        Assert.Equal(ExportingHost.Service, rejected.Resource);
        Assert.Equal(Category, rejected.Category);
        Assert.Equal("Message MSG00001 rejected after 3 attempts", rejected.Message);
        Assert.Equal("MSG00001", rejected.Attributes["ControlId"]);
        Assert.Equal("3", rejected.Attributes["Attempts"]);
        Assert.Equal("phw-to-mpi", rejected.Attributes["WorkflowId"]);
        Assert.Equal(traceId, rejected.TraceId);
        Assert.Equal(spanId, rejected.SpanId);
        Assert.InRange(rejected.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        var failed = Assert.Single(logs, l => l.Level == LogLevelNames.Error);
        Assert.Equal("Send to mpi failed", failed.Message);
        Assert.Equal("mpi", failed.Attributes["Destination"]);
        Assert.Equal("InvalidOperationException", failed.Attributes["exception.type"]);
        Assert.Equal("connection refused", failed.Attributes["exception.message"]);
        Assert.Equal("Send to {Destination} failed", failed.Attributes["{OriginalFormat}"]);
        Assert.Null(failed.TraceId);
        Assert.True(failed.Sequence > rejected.Sequence);
    }

    [Fact]
    public async Task Every_dotnet_log_level_maps_back_to_its_name()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var host = ExportingHost.Build(receiver, ApiKey, UniqueName(), UniqueName());
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        (LogLevel Level, string Name)[] levels =
        [
            (LogLevel.Trace, "Trace"), (LogLevel.Debug, "Debug"), (LogLevel.Information, "Information"),
            (LogLevel.Warning, "Warning"), (LogLevel.Error, "Error"), (LogLevel.Critical, "Critical"),
        ];
        foreach (var (level, name) in levels)
        {
            TestLog.AtLevel(logger, level, name);
        }

        host.FlushLogs();
        // The host logs its own start-up too; the text filter picks this test's records.
        var query = new LogQuery(Text: "level check");
        var logs = await Eventually.ValueAsync(
            () => receiver.Store.QueryLogs(query) is { Count: 6 } found ? found : null, "six log records");

        Assert.All(logs, log => Assert.Equal(log.Attributes["Marker"], log.Level));
        Assert.Equal(["Error", "Critical"], receiver.Store.QueryLogs(query with { MinLevel = "Error" }).Select(l => l.Level));
    }

    [Fact]
    public async Task Counter_histogram_and_gauge_arrive_with_values_rate_and_percentiles()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var meter = new Meter(UniqueName());
        var received = meter.CreateCounter<long>("hub.messages.received", "{message}");
        var latency = meter.CreateHistogram<double>("hub.message.latency", "ms");
        meter.CreateObservableGauge("hub.queue.depth", () => new Measurement<double>(42.5, new KeyValuePair<string, object?>("queue", "phw-ingress")), "{message}");
        var flow = new KeyValuePair<string, object?>("flow", "phw");
        using var host = ExportingHost.Build(receiver, ApiKey, meter.Name, UniqueName());
        await host.StartAsync();

        received.Add(10, flow);
        for (var ms = 1; ms <= 100; ms++)
        {
            latency.Record(ms, flow);
        }

        host.FlushMetrics();
        await Eventually.ValueAsync(() => Series(receiver, "hub.message.latency") is { Points.Count: 1 } s ? s : null, "the first export");

        // Cumulative points need distinct times for a rate; the wait only separates them, nothing is timed.
        await Task.Delay(200);
        received.Add(20, flow);
        for (var i = 0; i < 100; i++)
        {
            latency.Record(5, flow);
        }

        host.FlushMetrics();
        var histogram = await Eventually.ValueAsync(() => Series(receiver, "hub.message.latency") is { Points.Count: 2 } s ? s : null, "the second export");
        var counter = await Eventually.ValueAsync(() => Series(receiver, "hub.messages.received") is { Points.Count: 2 } s ? s : null, "the counter's second point");

        Assert.Equal(ExportingHost.Service, counter.Resource);
        Assert.Equal(MetricKind.Sum, counter.Kind);
        Assert.Equal("{message}", counter.Unit);
        Assert.Equal("phw", counter.Attributes["flow"]);
        Assert.Equal([10.0, 30.0], counter.Points.Select(p => p.Value));
        var elapsed = (counter.Points[1].Time - counter.Points[0].Time).TotalSeconds;
        Assert.True(elapsed > 0);
        Assert.Equal(20 / elapsed, counter.RatePerSecond(TimeSpan.FromMinutes(1))!.Value, precision: 6);

        Assert.Equal(MetricKind.Histogram, histogram.Kind);
        Assert.Equal("ms", histogram.Unit);
        var first = histogram.Points[0];
        Assert.Equal(100, first.Count);
        Assert.Equal(5050, first.Value);
        Assert.Equal(ExportingHost.LatencyBounds, first.BucketBounds);
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0], first.BucketCounts);
        Assert.Equal(200, histogram.Points[1].Count);
        var firstOnly = histogram with { Points = [first] };
        Assert.Equal(50, firstOnly.Percentile(0.5, TimeSpan.FromMinutes(1))!.Value, precision: 6);
        Assert.Equal(95, firstOnly.Percentile(0.95, TimeSpan.FromMinutes(1))!.Value, precision: 6);
        // A window that starts at the first export sees only the hundred 5 ms observations since.
        var sinceFirst = histogram.Points[1].Time - first.Time;
        Assert.Equal(5, histogram.Percentile(0.5, sinceFirst)!.Value, precision: 6);
        Assert.Equal(5, histogram.Mean(sinceFirst)!.Value, precision: 6);
        Assert.Equal(100 / (sinceFirst.TotalSeconds), histogram.RatePerSecond(sinceFirst)!.Value, precision: 6);

        var gauge = Assert.Single(receiver.Store.QueryMetrics(ExportingHost.Service, "hub.queue.depth"));
        Assert.Equal(MetricKind.Gauge, gauge.Kind);
        Assert.Equal("phw-ingress", gauge.Attributes["queue"]);
        Assert.Equal(42.5, gauge.Points[^1].Value);
        Assert.Null(gauge.RatePerSecond(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_histogram_in_seconds_keeps_its_resolution_only_with_bucket_advice()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var meter = new Meter(UniqueName());
        double[] secondsBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
        var advised = meter.CreateHistogram("advised_latency_seconds", "s", null, null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = secondsBounds });
        var plain = meter.CreateHistogram<double>("plain_latency_seconds", "s");
        using var host = ExportingHost.Build(receiver, ApiKey, meter.Name, UniqueName());
        await host.StartAsync();
        for (var i = 1; i <= 100; i++)
        {
            // 1 ms to 100 ms: what a hub service's per-message latency looks like.
            advised.Record(i / 1000.0);
            plain.Record(i / 1000.0);
        }

        host.FlushMetrics();
        var withAdvice = await Eventually.ValueAsync(() => Series(receiver, "advised_latency_seconds"), "the advised histogram");
        var withoutAdvice = await Eventually.ValueAsync(() => Series(receiver, "plain_latency_seconds"), "the plain histogram");

        Assert.Equal(secondsBounds, withAdvice.Points[^1].BucketBounds);
        Assert.InRange(withAdvice.Percentile(0.5, TimeSpan.FromMinutes(1))!.Value, 0.025, 0.05);
        // The SDK's default bounds start at 0, 5, 10 …: every observation lands in (0, 5] and the median reads 2.5 s.
        Assert.Equal(5, withoutAdvice.Points[^1].BucketBounds![1]);
        Assert.Equal(2.5, withoutAdvice.Percentile(0.5, TimeSpan.FromMinutes(1))!.Value, precision: 6);
    }

    [Fact]
    public async Task Spans_are_counted_and_their_service_listed()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var source = new ActivitySource(UniqueName());
        using var host = ExportingHost.Build(receiver, ApiKey, UniqueName(), source.Name);
        await host.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var activity = source.StartActivity("send");
            Assert.NotNull(activity);
        }

        host.FlushTraces();
        await Eventually.ValueAsync(() => receiver.Store.TraceSpansReceived >= 3 ? receiver.Store : null, "three spans");

        Assert.Equal(3, receiver.Store.TraceSpansReceived);
        Assert.Equal([ExportingHost.Service], receiver.Store.Resources);
    }

    [Fact]
    public async Task An_exporter_with_the_wrong_api_key_stores_nothing()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using (var wrong = ExportingHost.Build(receiver, "not-the-key", UniqueName(), UniqueName()))
        {
            await wrong.StartAsync();
            TestLog.Rejected(wrong.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category), "MSG-WRONG-KEY", 1);
            // The flush returns once the exporter has had its answer (401, which it does not retry).
            wrong.FlushLogs();
            await wrong.StopAsync();
        }

        // A sender with the right key, afterwards: once its record is in, the earlier one would have been too.
        using var right = ExportingHost.Build(receiver, ApiKey, UniqueName(), UniqueName());
        await right.StartAsync();
        TestLog.Rejected(right.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category), "MSG-RIGHT-KEY", 1);
        right.FlushLogs();
        await Eventually.ValueAsync(() => receiver.Store.QueryLogs(new LogQuery(Text: "MSG-RIGHT-KEY")).SingleOrDefault(), "the right key's record");

        Assert.Empty(receiver.Store.QueryLogs(new LogQuery(Text: "MSG-WRONG-KEY")));
    }

    private static MetricSeries? Series(ReceiverHost receiver, string name) =>
        receiver.Store.QueryMetrics(ExportingHost.Service, name).SingleOrDefault();

    private static string UniqueName() => "IntegrationHub.Otlp.Tests." + Guid.NewGuid().ToString("N");
}
