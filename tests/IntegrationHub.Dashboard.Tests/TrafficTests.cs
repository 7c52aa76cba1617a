using IntegrationHub.AppHost.Dashboard.Endpoints;
using IntegrationHub.Otlp;

namespace IntegrationHub.Dashboard.Tests;

public sealed class TrafficTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MetricSeries Counter(params (int SecondsAgo, double Total)[] points) =>
        new("phw-sender", "messages_sent", "", MetricKind.Sum, new Dictionary<string, string>(),
            [.. points.Select(p => new MetricPoint(Now.AddSeconds(-p.SecondsAgo), p.Total, 0, null, null))]);

    [Fact]
    public void A_counter_s_growth_over_the_window_is_divided_by_the_window()
    {
        var series = Counter((90, 100), (55, 110), (30, 130), (5, 160));

        Assert.Equal(60 / 60.0, TelemetryEndpoints.IncreasePerSecond(series, TimeSpan.FromMinutes(1), Now));
    }

    [Fact]
    public void A_series_that_began_inside_the_window_counts_from_zero()
    {
        // The first export already holds the service's first messages.
        var series = Counter((10, 5), (5, 5));

        Assert.Equal(5 / 60.0, TelemetryEndpoints.IncreasePerSecond(series, TimeSpan.FromMinutes(1), Now));
    }

    [Fact]
    public void A_restarted_service_s_counter_starting_again_from_zero_is_not_a_negative_rate()
    {
        var series = Counter((70, 40), (40, 50), (20, 3), (5, 9));

        Assert.Equal((10 + 3 + 6) / 60.0, TelemetryEndpoints.IncreasePerSecond(series, TimeSpan.FromMinutes(1), Now));
    }

    [Fact]
    public void Gauges_have_no_rate()
    {
        var gauge = new MetricSeries("r", "g", "", MetricKind.Gauge, new Dictionary<string, string>(), [new MetricPoint(Now, 1, 0, null, null)]);

        Assert.Null(TelemetryEndpoints.IncreasePerSecond(gauge, TimeSpan.FromMinutes(1), Now));
    }
}
