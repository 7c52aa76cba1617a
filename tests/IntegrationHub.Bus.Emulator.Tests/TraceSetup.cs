namespace IntegrationHub.Bus.Emulator.Tests;

internal static class TraceSetup
{
    private static readonly object Gate = new();

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Init()
    {
        var path = Environment.GetEnvironmentVariable("AMQP_TRACE_FILE");
        if (path is null)
        {
            return;
        }

        Amqp.Trace.TraceLevel = Amqp.TraceLevel.Frame | Amqp.TraceLevel.Error | Amqp.TraceLevel.Warning | Amqp.TraceLevel.Information;
        Amqp.Trace.TraceListener = (level, format, args) =>
        {
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} [{Environment.CurrentManagedThreadId}] {string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)}\n";
            lock (Gate)
            {
                File.AppendAllText(path, line);
            }
        };
    }
}
