using IntegrationHub.Runtime.Sender;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Runtime.Tests.Sender;

public class ThrottleAndBatchTests
{
    [Fact]
    public void At_60_per_minute_calls_at_0_02_05_50_51_send_at_0_1_2_5_6()
    {
        var time = new FakeTimeProvider();
        var throttle = new Throttle(60, time);
        var sends = new List<double>();
        var start = time.GetUtcNow();
        foreach (var call in new[] { 0.0, 0.2, 0.5, 5.0, 5.1 })
        {
            var now = (time.GetUtcNow() - start).TotalSeconds;
            if (call > now)
            {
                time.Advance(TimeSpan.FromSeconds(call - now));
            }

            var wait = throttle.Reserve();
            time.Advance(wait);
            sends.Add(Math.Round((time.GetUtcNow() - start).TotalSeconds, 3));
        }

        Assert.Equal([0, 1, 2, 5, 6], sends);
    }

    [Fact]
    public void At_30_per_minute_three_immediate_calls_send_at_0_2_4()
    {
        var time = new FakeTimeProvider();
        var throttle = new Throttle(30, time);

        var waits = new[] { throttle.Reserve(), throttle.Reserve(), throttle.Reserve() };

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
    }

    [Fact]
    public void Without_a_rate_nothing_waits() =>
        Assert.Equal(TimeSpan.Zero, new Throttle(null, TimeProvider.System).Reserve());

    [Theory]
    [InlineData(null, 100)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 14)]
    [InlineData(4, 19)]
    [InlineData(5, 23)]
    [InlineData(10, 46)]
    [InlineData(15, 68)]
    [InlineData(30, 100)]
    [InlineData(600, 100)]
    public void The_batch_size_keeps_a_throttled_batch_inside_the_lock_window(int? perMinute, int expected) =>
        Assert.Equal(expected, BatchSizing.For(new Throttle(perMinute, TimeProvider.System).Interval));
}
