namespace IntegrationHub.Flows.Tests.Support;

/// <summary>Polling with a deadline: under load a stage may be slow, so tests wait for outcomes instead of sleeping.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what()}.");
            }

            await Task.Delay(50);
        }
    }
}
