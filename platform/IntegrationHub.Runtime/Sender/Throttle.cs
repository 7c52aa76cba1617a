namespace IntegrationHub.Runtime.Sender;

/// <summary>
/// MAX_MESSAGES_PER_MINUTE as the existing system applies it (spec §8.4): sends are spaced by 60/rate seconds
/// from the previous permitted send; after an idle spell the next send goes at once and no burst catches up.
/// The guarantee is the average rate. Example at 60/min: calls at 0.0, 0.2, 0.5, 5.0, 5.1 s send at 0, 1, 2, 5, 6 s.
/// </summary>
public sealed class Throttle(int? messagesPerMinute, TimeProvider time)
{
    private readonly TimeSpan? _interval = messagesPerMinute is { } rate ? TimeSpan.FromSeconds(60.0 / rate) : null;
    private long? _last;

    public TimeSpan? Interval => _interval;

    /// <summary>How long to wait before the next send is permitted (and records that send).</summary>
    public TimeSpan Reserve()
    {
        if (_interval is not { } interval)
        {
            return TimeSpan.Zero;
        }

        var now = time.GetTimestamp();
        if (_last is not { } last)
        {
            _last = now;
            return TimeSpan.Zero;
        }

        var target = last + (long)(interval.TotalSeconds * time.TimestampFrequency);
        if (target > now)
        {
            _last = target;
            return time.GetElapsedTime(now, target);
        }

        _last = now;
        return TimeSpan.Zero;
    }

    /// <summary>Waits for the next permitted send.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }
}

/// <summary>
/// The batch size that keeps a throttled batch inside the lock renewal window (spec §8.5): 100 unthrottled,
/// otherwise <c>max(1, min(100, floor(270 / interval) + 1))</c> — 1/min → 5, 30/min and faster → 100.
/// </summary>
public static class BatchSizing
{
    public const int MaxBatch = 100;
    private const double WindowSeconds = 300 - 30;

    public static int For(TimeSpan? interval) =>
        interval is not { } i ? MaxBatch : Math.Max(1, Math.Min(MaxBatch, (int)Math.Floor(WindowSeconds / i.TotalSeconds) + 1));
}
