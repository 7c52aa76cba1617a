namespace IntegrationHub.Otlp.Tests;

/// <summary>Polls a condition with a generous deadline, for results that arrive over HTTP from another component.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<T> ValueAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
