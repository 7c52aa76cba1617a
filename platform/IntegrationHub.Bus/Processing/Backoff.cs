namespace IntegrationHub.Bus.Processing;

/// <summary>
/// The retry delay schedule of the reference system (spec §10.3): 5 s doubling to 900 s after consecutive
/// failures (5, 10, 20, 40, 80, 160, 320, 640, 900, 900 …), with optional jitter so many consumers do not retry in step.
/// Pure functions so the schedule is unit-tested apart from any clock.
/// </summary>
public static class Backoff
{
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(900);

    /// <summary>The delay after the <paramref name="attempt"/>-th consecutive failure (0-based), before jitter.</summary>
    public static TimeSpan BaseDelay(int attempt, TimeSpan initialDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (initialDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Doubling overflows long before 63 attempts matter; past the cap the answer is the cap.
        var ticks = (double)initialDelay.Ticks * Math.Pow(2, Math.Min(attempt, 62));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public static TimeSpan BaseDelay(int attempt) => BaseDelay(attempt, DefaultInitialDelay, DefaultMaxDelay);

    /// <summary>
    /// Spreads <paramref name="delay"/> uniformly over ±<paramref name="ratio"/> of itself;
    /// <paramref name="sample"/> in [0, 1) picks the point (0.5 = no change).
    /// </summary>
    public static TimeSpan Jittered(TimeSpan delay, double ratio, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ratio);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1.0);
        var clamped = Math.Clamp(sample, 0.0, 1.0);
        var factor = 1.0 - ratio + (2.0 * ratio * clamped);
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
