using IntegrationHub.Bus.Processing;

namespace IntegrationHub.Bus.Tests.Unit;

public class BackoffTests
{
    [Fact]
    public void Schedule_is_5_seconds_doubling_to_900()
    {
        var expected = new[] { 5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900 };
        for (var attempt = 0; attempt < expected.Length; attempt++)
        {
            Assert.Equal(TimeSpan.FromSeconds(expected[attempt]), Backoff.BaseDelay(attempt));
        }
    }

    [Fact]
    public void Appendix_B_total_wait_between_ten_deliveries_is_about_36_minutes()
    {
        var total = TimeSpan.Zero;
        for (var attempt = 0; attempt < 9; attempt++)
        {
            total += Backoff.BaseDelay(attempt);
        }

        Assert.Equal(TimeSpan.FromSeconds(2175), total); // 36.25 min
    }

    [Fact]
    public void Huge_attempt_numbers_stay_at_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(900), Backoff.BaseDelay(10_000));
        Assert.Equal(TimeSpan.FromSeconds(900), Backoff.BaseDelay(int.MaxValue));
    }

    [Fact]
    public void Custom_initial_and_cap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(400), Backoff.BaseDelay(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.BaseDelay(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, Backoff.BaseDelay(3, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Negative_attempt_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.BaseDelay(-1));

    [Theory]
    [InlineData(0.0, 90)]
    [InlineData(0.5, 100)]
    [InlineData(1.0, 110)]
    [InlineData(0.25, 95)]
    public void Jitter_spreads_plus_minus_ratio(double sample, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.Jittered(TimeSpan.FromSeconds(100), 0.1, sample));

    [Fact]
    public void Zero_ratio_means_no_jitter() =>
        Assert.Equal(TimeSpan.FromSeconds(5), Backoff.Jittered(TimeSpan.FromSeconds(5), 0, 0.99));
}
