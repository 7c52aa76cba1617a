using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationHub.AppHost.Model;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.AppHost.Running;

/// <summary>
/// Runs a <see cref="HubModel"/> locally: the embedded broker in this process (unless the model points at an
/// external bus), then every service as its own process, then waits for every health probe.
/// </summary>
public sealed partial class HubRunner : IAsyncDisposable
{
    private static readonly string[] Header = ["RESOURCE", "PID", "PORTS", "STATE", "RESTARTS"];
    private readonly HubModel _model;
    private readonly AppHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<SupervisedProcess> _processes = [];
    private EmbeddedBroker? _broker;

    public HubRunner(HubModel model, AppHostOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _model = model;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<HubRunner>();
    }

    public HubModel Model => _model;

    public IReadOnlyList<SupervisedProcess> Processes => _processes;

    /// <summary>How long the last <see cref="StartAsync"/> took until every probe answered.</summary>
    public TimeSpan StartupTime { get; private set; }

    public SupervisedProcess this[string name] => _processes.Single(p => p.Resource.Name == name);

    /// <summary>The embedded broker while it runs; null with an external bus or while it is restarting.</summary>
    public EmbeddedBroker? Broker => _broker;

    /// <summary>
    /// Stops the embedded broker and starts it again on the same port and store, as a broker crash and recovery
    /// would look to the services: their connections drop and they reconnect. Nothing it accepted is lost.
    /// </summary>
    public async Task RestartBusAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        if (_broker is not { } broker)
        {
            throw new InvalidOperationException("Only the embedded broker can be restarted.");
        }

        _broker = null;
        await broker.StopAsync().ConfigureAwait(false);
        await Task.Delay(downtime, cancellationToken).ConfigureAwait(false);
        await StartBusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts everything and returns once every service is healthy; throws if one is not within the timeout.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(_model.DataDirectory);
        var services = _model.Services.ToList();

        // Resolve every executable before starting anything, so a missing build fails fast and cleanly.
        var launches = services.ToDictionary(s => s.Name, s => ServiceLocator.Launch(s.Project, _options.NativeDirectory));
        if (_options.NativeDirectory is { } nativeDirectory)
        {
            var native = launches.Where(l => l.Value.IsNative).Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
            LogNative(_logger, native.Count, nativeDirectory, native.Count == 0 ? "none" : string.Join(", ", native));
        }

        await StartBusAsync(cancellationToken).ConfigureAwait(false);

        var width = services.Max(s => s.Name.Length);
        var logs = Path.Combine(_model.DataDirectory, "logs");
        foreach (var service in services)
        {
            var output = new OutputSink(service.Name, logs, _options.EchoOutput, width);
            var process = new SupervisedProcess(service, launches[service.Name], output, _loggers.CreateLogger("IntegrationHub.AppHost." + service.Name));
            _processes.Add(process);
            process.Start();
        }

        var allHealthy = Task.WhenAll(_processes.Select(p => p.FirstHealthy));
        var finished = await Task.WhenAny(allHealthy, Task.Delay(_options.StartupTimeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        StartupTime = Stopwatch.GetElapsedTime(started);
        if (finished != allHealthy)
        {
            throw new TimeoutException(NotHealthyReport());
        }

        LogStarted(_logger, _processes.Count, StartupTime.TotalSeconds);
    }

    private async Task StartBusAsync(CancellationToken cancellationToken)
    {
        var bus = _model.Bus;
        if (!bus.IsEmbedded)
        {
            LogExternalBus(_logger);
            return;
        }

        var config = new BrokerConfig { NamespaceName = "local-inthub" };
        foreach (var queue in bus.Queues)
        {
            config = config.WithQueue(queue.Name, new QueueSettings
            {
                RequiresSession = queue.RequiresSession,
                LockDuration = queue.LockDuration,
                MaxDeliveryCount = queue.MaxDeliveryCount,
                DefaultMessageTimeToLive = queue.Retention.TimeToLive,
                DeadLetteringOnMessageExpiration = queue.Retention.DeadLetterOnExpiration,
            });
        }

        _broker = await EmbeddedBroker.StartAsync(
            new BrokerOptions
            {
                Port = bus.Port,
                AdminPort = bus.AdminPort,
                DataDirectory = bus.DataDirectory,
                Config = config,
                LoggerFactory = _loggers,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resources as a table: name, pid, ports, state, restarts.</summary>
    public string StatusTable()
    {
        var rows = new List<string[]> { Header };
        var bus = _model.Bus;
        rows.Add(bus.IsEmbedded
            ? [bus.Name, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), $"amqp {bus.Port}, admin {bus.AdminPort}", _broker is null ? "Stopped" : "Running (in-process)", "0"]
            : [bus.Name, "-", "external", "External", "0"]);
        foreach (var p in _processes)
        {
            var ports = string.Join(", ", p.Resource.Endpoints.Select(e => $"{e.Name} {e.Port}"));
            rows.Add([p.Resource.Name, p.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "-", ports, p.State.ToString(), p.Restarts.ToString(CultureInfo.InvariantCulture)]);
        }

        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    private string NotHealthyReport()
    {
        var text = new StringBuilder($"Not healthy after {_options.StartupTimeout.TotalSeconds:0} s:");
        foreach (var p in _processes.Where(p => !p.FirstHealthy.IsCompleted))
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"- {p.Resource.Name} ({p.State}, probe port {p.Resource.ProbePort}, log {p.Output.FilePath})");
            foreach (var line in p.Output.Tail().TakeLast(8))
            {
                text.AppendLine().Append("    ").Append(line);
            }
        }

        return text.ToString();
    }

    /// <summary>From now on no service is restarted when it exits: the hub is on its way down.</summary>
    public void BeginStopping()
    {
        foreach (var process in _processes)
        {
            process.HubStopping();
        }
    }

    /// <summary>Stops every service in parallel (each gets its grace period), then the broker.</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync())).ConfigureAwait(false);
        if (_broker is not null)
        {
            await _broker.StopAsync().ConfigureAwait(false);
            _broker = null;
        }

        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var process in _processes)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} services run natively compiled from {Directory}: {Services}; the others run their IL builds")]
    private static partial void LogNative(ILogger logger, int count, string directory, string services);

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} services healthy in {Seconds:0.00} s")]
    private static partial void LogStarted(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the external Service Bus from --bus-connection-string; the embedded broker is not started")]
    private static partial void LogExternalBus(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub stopped")]
    private static partial void LogStopped(ILogger logger);
}
