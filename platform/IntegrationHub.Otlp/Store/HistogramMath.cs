namespace IntegrationHub.Otlp;

/// <summary>Quantiles from explicit-bucket histogram counts.</summary>
internal static class HistogramMath
{
    /// <summary>
    /// Observations per bucket since the baseline point. Without a comparable baseline (none, other bounds, or a
    /// count that went down because the process restarted) the newest running counts are the window's counts.
    /// </summary>
    public static long[] BucketDeltas(IReadOnlyList<long> counts, IReadOnlyList<double> bounds, MetricPoint? baseline)
    {
        var deltas = new long[counts.Count];
        var comparable = baseline?.BucketCounts is { } before
            && before.Count == counts.Count
            && baseline.BucketBounds is { } beforeBounds
            && beforeBounds.SequenceEqual(bounds);
        for (var i = 0; i < counts.Count; i++)
        {
            var delta = comparable ? counts[i] - baseline!.BucketCounts![i] : counts[i];
            if (delta < 0)
            {
                // A bucket went down: the source restarted; its running counts are all there is.
                return [.. counts];
            }

            deltas[i] = delta;
        }

        return deltas;
    }

    public static double? Quantile(double q, IReadOnlyList<double> bounds, long[] counts)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        // How many observations lie at or below the answer; 0 lands on the lower edge of the first non-empty bucket.
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0 || seen + counts[i] < rank)
            {
                seen += counts[i];
                continue;
            }

            if (i == bounds.Count)
            {
                // Beyond the last bound nothing is known but the lower edge.
                return bounds.Count > 0 ? bounds[^1] : null;
            }

            var upper = bounds[i];
            var lower = i > 0 ? bounds[i - 1] : Math.Min(0, upper);
            return lower + ((upper - lower) * (rank - seen) / counts[i]);
        }

        return bounds.Count > 0 ? bounds[^1] : null;
    }
}
