using System.Runtime.InteropServices;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using Microsoft.Extensions.Logging;

// dotnet run --project platform/IntegrationHub.Bus.Emulator -- --config FILE --port 5672 --data DIR
//   [--tls-port 5671 --cert CERT.pem --key KEY.pem] [--admin-port N] [--host 127.0.0.1]
var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
        return 2;
    }

    parsed[args[i][2..]] = args[i + 1];
}

if (!parsed.TryGetValue("data", out var data))
{
    Console.Error.WriteLine("Usage: --config FILE --port 5672 --data DIR [--tls-port 5671 --cert CERT.pem --key KEY.pem] [--admin-port N]");
    return 2;
}

BrokerConfig config;
try
{
    config = parsed.TryGetValue("config", out var configPath) ? BrokerConfig.Load(configPath) : new BrokerConfig();
}
catch (ConfigException ex)
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 3;
}

// Frame-level protocol trace for diagnosing client interop problems.
if (Environment.GetEnvironmentVariable("HUB_AMQP_TRACE_FILE") is { } traceFile)
{
    var traceGate = new Lock();
    Amqp.Trace.TraceLevel = Amqp.TraceLevel.Frame | Amqp.TraceLevel.Error | Amqp.TraceLevel.Warning;
    Amqp.Trace.TraceListener = (_, format, traceArgs) =>
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} [{Environment.CurrentManagedThreadId}] {string.Format(System.Globalization.CultureInfo.InvariantCulture, format, traceArgs)}\n";
        lock (traceGate)
        {
            File.AppendAllText(traceFile, line);
        }
    };
}

using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
var options = new BrokerOptions
{
    Host = parsed.GetValueOrDefault("host", "127.0.0.1"),
    Port = int.Parse(parsed.GetValueOrDefault("port", "5672"), System.Globalization.CultureInfo.InvariantCulture),
    TlsPort = parsed.TryGetValue("tls-port", out var tls) ? int.Parse(tls, System.Globalization.CultureInfo.InvariantCulture) : null,
    CertificatePemPath = parsed.GetValueOrDefault("cert"),
    KeyPemPath = parsed.GetValueOrDefault("key"),
    AdminPort = parsed.TryGetValue("admin-port", out var admin) ? int.Parse(admin, System.Globalization.CultureInfo.InvariantCulture) : null,
    DataDirectory = data,
    Config = config,
    LoggerFactory = loggers,
};

await using var broker = await EmbeddedBroker.StartAsync(options);
using var stop = new CancellationTokenSource();

// SIGTERM (docker stop, the AppHost) and Ctrl-C stop gracefully: pending commits finish before exit.
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

// Tests and scripts wait for this line before connecting.
Console.WriteLine($"READY amqp={broker.Port} amqps={broker.TlsPort} admin={broker.AdminPort}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Normal shutdown.
}

return 0;
