using System.Diagnostics;

namespace IntegrationHub.AppHost.Testing;

/// <summary>Waits for a condition by polling it against a deadline: robust on a loaded machine, never a timing assertion.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Polls <paramref name="condition"/> until it is true; after <paramref name="timeout"/> calls
    /// <paramref name="onTimeout"/> (if any) and throws a <see cref="TimeoutException"/> saying what was awaited.
    /// Failures of the condition itself (e.g. a service briefly down) count as "not yet".
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> waitingFor, Action? onTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(waitingFor);
        var started = Stopwatch.GetTimestamp();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }

                lastError = null;
            }
            catch (Exception ex) when ((ex is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                lastError = ex;
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                onTimeout?.Invoke();
                var detail = lastError is null ? string.Empty : $" (last error: {lastError.Message})";
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {waitingFor()}{detail}");
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As <see cref="UntilAsync(Func{Task{bool}}, TimeSpan, Func{string}, Action?, CancellationToken)"/> for a synchronous condition.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> waitingFor, Action? onTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, waitingFor, onTimeout, cancellationToken);
    }
}
