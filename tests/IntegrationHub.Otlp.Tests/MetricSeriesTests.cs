namespace IntegrationHub.Otlp.Tests;

/// <summary>Rates and quantiles on series built directly, so each expected number can be worked out by hand.</summary>
public sealed class MetricSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly double[] Bounds = [10, 20, 50];

    [Fact]
    public void The_rate_of_a_sum_is_its_increase_over_the_time_between_points()
    {
        var series = Sum((0, 100), (10, 150), (20, 250));

        Assert.Equal(7.5, series.RatePerSecond(TimeSpan.FromMinutes(1)));
        // A 10 s window ends at the newest point and starts at the point 10 s before it.
        Assert.Equal(10, series.RatePerSecond(TimeSpan.FromSeconds(10)));
        // Shorter than the spacing: the last point before the window is the baseline.
        Assert.Equal(10, series.RatePerSecond(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_monotonic_total_that_drops_is_a_restart_counted_from_zero()
    {
        var series = Sum((0, 100), (10, 150), (20, 30));

        Assert.Equal((50 + 30) / 20.0, series.RatePerSecond(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void An_up_down_counter_rate_is_the_plain_difference()
    {
        var series = Sum((0, 100), (10, 60)) with { IsMonotonic = false };

        Assert.Equal(-4, series.RatePerSecond(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void No_rate_for_a_single_point_or_a_gauge()
    {
        Assert.Null(Sum((0, 100)).RatePerSecond(TimeSpan.FromMinutes(1)));
        Assert.Null((Sum((0, 1), (10, 2)) with { Kind = MetricKind.Gauge }).RatePerSecond(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Percentiles_interpolate_inside_the_bucket_the_rank_falls_in()
    {
        // 10 observations in (0,10], 10 in (10,20], 20 in (20,50], none above.
        var series = Histogram((0, [10, 10, 20, 0]));
        var window = TimeSpan.FromMinutes(1);

        Assert.Equal(5, series.Percentile(0.125, window));
        Assert.Equal(10, series.Percentile(0.25, window));
        Assert.Equal(20, series.Percentile(0.5, window));
        Assert.Equal(35, series.Percentile(0.75, window));
        Assert.Equal(50, series.Percentile(1, window));
        Assert.Equal(0, series.Percentile(0, window));
    }

    [Fact]
    public void A_percentile_in_the_unbounded_bucket_is_the_last_bound()
    {
        Assert.Equal(50, Histogram((0, [0, 0, 1, 9])).Percentile(0.99, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Percentiles_use_only_the_observations_inside_the_window()
    {
        // Before the window: 10 slow observations; inside it: 10 fast ones.
        var series = Histogram((0, [0, 0, 10, 0]), (60, [10, 0, 10, 0]));

        Assert.Equal(7.5, series.Percentile(0.75, TimeSpan.FromSeconds(60)));
        Assert.Equal(35, series.Percentile(0.75, TimeSpan.FromSeconds(90)));
        Assert.Equal(10 / 60.0, series.RatePerSecond(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void After_a_restart_the_new_running_counts_are_the_window()
    {
        var series = Histogram((0, [0, 0, 10, 0]), (60, [4, 0, 0, 0]));

        Assert.Equal(5, series.Percentile(0.5, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void No_percentile_without_observations_or_for_other_kinds()
    {
        Assert.Null(Histogram((0, [1, 0, 0, 0]), (60, [1, 0, 0, 0])).Percentile(0.5, TimeSpan.FromSeconds(60)));
        Assert.Null(Sum((0, 1)).Percentile(0.5, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Histogram((0, [1, 0, 0, 0])).Percentile(95, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void The_mean_is_the_sum_over_the_count_in_the_window()
    {
        var first = new MetricPoint(T0, 100, 10, Bounds, [10, 0, 0, 0]);
        var second = new MetricPoint(T0.AddSeconds(60), 400, 20, Bounds, [10, 0, 10, 0]);
        var series = new MetricSeries("svc", "latency", "ms", MetricKind.Histogram, new Dictionary<string, string>(), [first, second]);

        Assert.Equal(30, series.Mean(TimeSpan.FromSeconds(60)));
        Assert.Equal(20, series.Mean(TimeSpan.FromMinutes(5)));
    }

    private static MetricSeries Sum(params (int Seconds, double Value)[] points) =>
        new("svc", "received", "{message}", MetricKind.Sum, new Dictionary<string, string>(),
            [.. points.Select(p => new MetricPoint(T0.AddSeconds(p.Seconds), p.Value, 0, null, null))]);

    private static MetricSeries Histogram(params (int Seconds, long[] Buckets)[] points) =>
        new("svc", "latency", "ms", MetricKind.Histogram, new Dictionary<string, string>(),
            [.. points.Select(p => new MetricPoint(T0.AddSeconds(p.Seconds), 0, p.Buckets.Sum(), Bounds, p.Buckets))]);
}
