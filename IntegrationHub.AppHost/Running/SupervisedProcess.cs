using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using IntegrationHub.AppHost.Model;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.AppHost.Running;

public enum ResourceState
{
    NotStarted,
    Starting,
    Healthy,
    Unhealthy,
    Restarting,
    Stopping,
    Stopped,
}

/// <summary>
/// One service as a child process: started with its environment, probed on its TCP health port (spec §14),
/// restarted with back-off when it dies (1 s doubling to 30 s; back to 1 s once it had been healthy for a
/// minute, so a service that crashes rarely restarts quickly but a crash loop does not spin), and stopped
/// gracefully: SIGTERM, up to 10 s for its host to drain, then kill.
/// </summary>
public sealed partial class SupervisedProcess : IAsyncDisposable
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResetBackoffAfter = TimeSpan.FromMinutes(1);

    private readonly ServiceLaunch _launch;
    private readonly OutputSink _output;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _control = new(1, 1);
    private CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private Process? _process;
    private volatile bool _hubStopping;

    public SupervisedProcess(ServiceResource resource, ServiceLaunch launch, OutputSink output, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(launch);
        Resource = resource;
        _launch = launch;
        _output = output;
        _logger = logger;
    }

    public ServiceResource Resource { get; }

    /// <summary>True when the service runs as a natively compiled executable.</summary>
    public bool IsNative => _launch.IsNative;

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    public int? ProcessId { get; private set; }

    public int Restarts { get; private set; }

    public OutputSink Output => _output;

    /// <summary>
    /// The whole hub is stopping: a process that exits from now on is not restarted. Ctrl+C in a terminal signals the
    /// services together with the AppHost, so they may exit before the AppHost gets round to stopping them.
    /// </summary>
    public void HubStopping() => _hubStopping = true;

    /// <summary>Completes the first time the health probe accepts a connection.</summary>
    public Task FirstHealthy => _firstHealthy.Task;

    /// <summary>Starts supervising (again, after <see cref="StopAsync"/>: the dashboard's start button).</summary>
    public void Start()
    {
        _control.Wait();
        try
        {
            if (!_loop.IsCompleted)
            {
                return;
            }

            if (_stopping.IsCancellationRequested)
            {
                _stopping.Dispose();
                _stopping = new CancellationTokenSource();
            }

            var token = _stopping.Token;
            _loop = Task.Run(() => SuperviseAsync(token), CancellationToken.None);
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops the process gracefully, then starts it again (the restart count is not a crash count).</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Start();
    }

    /// <summary>
    /// Kills the running process at once (SIGKILL, no drain), as a crash would; the supervisor then restarts it
    /// with its usual back-off. For tests of what a crash loses (nothing) and for a hung process.
    /// </summary>
    public void Kill()
    {
        var process = _process;
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var backoff = FirstBackoff;
        while (!stop.IsCancellationRequested)
        {
            var healthySince = await RunOnceAsync(stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            if (_hubStopping)
            {
                State = ResourceState.Stopped;
                return;
            }

            if (healthySince is { } since && Stopwatch.GetElapsedTime(since) >= ResetBackoffAfter)
            {
                backoff = FirstBackoff;
            }

            State = ResourceState.Restarting;
            LogRestarting(_logger, Resource.Name, backoff.TotalSeconds);
            try
            {
                await Task.Delay(backoff, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            Restarts++;
        }
    }

    /// <summary>Runs the process until it exits or the AppHost stops; returns when it first became healthy.</summary>
    private async Task<long?> RunOnceAsync(CancellationToken stop)
    {
        State = ResourceState.Starting;
        Process process;
        try
        {
            process = Launch();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            LogLaunchFailed(_logger, ex, Resource.Name);
            return null;
        }

        long? healthySince = null;
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var probe = ProbeAsync(() => healthySince ??= Stopwatch.GetTimestamp(), probing.Token);
        try
        {
            await process.WaitForExitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: StopAsync signals the process; the probe ends with the token.
            await probe.ConfigureAwait(false);
            return healthySince;
        }

        await probing.CancelAsync().ConfigureAwait(false);
        await probe.ConfigureAwait(false);
        if (_hubStopping)
        {
            LogExitedWhileStopping(_logger, Resource.Name, process.Id, process.ExitCode);
        }
        else
        {
            LogExited(_logger, Resource.Name, process.Id, process.ExitCode);
        }

        return healthySince;
    }

    private Process Launch()
    {
        var info = new ProcessStartInfo(_launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = _launch.WorkingDirectory,
        };
        if (_launch.Dll is { } dll)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (var variable in Resource.Environment)
        {
            info.Environment[variable.Name] = variable.Value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => _output.Write(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Write(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var previous = Interlocked.Exchange(ref _process, process);
        previous?.Dispose();
        ProcessId = process.Id;
        LogStarted(_logger, Resource.Name, process.Id);
        return process;
    }

    private async Task ProbeAsync(Action onHealthy, CancellationToken cancellationToken)
    {
        var wasHealthy = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var healthy = await IsAcceptingAsync(Resource.ProbePort, cancellationToken).ConfigureAwait(false);
            if (healthy)
            {
                wasHealthy = true;
                onHealthy();
                _firstHealthy.TrySetResult();
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                State = healthy ? ResourceState.Healthy : wasHealthy ? ResourceState.Unhealthy : ResourceState.Starting;
            }

            try
            {
                // Poll fast until healthy so start-up is not padded; then a light watch for the status table.
                await Task.Delay(wasHealthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A TCP connect that succeeds is the health signal (spec §14); nothing is sent.</summary>
    public static async Task<bool> IsAcceptingAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        await _control.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _control.Release();
        }
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        var process = _process;
        if (process is null || process.HasExited)
        {
            State = ResourceState.Stopped;
            return;
        }

        State = ResourceState.Stopping;
        Signals.RequestStop(process);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogKilled(_logger, Resource.Name, process.Id, StopGrace.TotalSeconds);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        State = ResourceState.Stopped;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
        _stopping.Dispose();
        _control.Dispose();
        _output.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Name} started (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string name, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} (pid {Pid}) exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, string name, int pid, int exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Name} (pid {Pid}) exited with code {ExitCode} as the hub stops")]
    private static partial void LogExitedWhileStopping(ILogger logger, string name, int pid, int exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} restarting in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, string name, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Name} could not be started")]
    private static partial void LogLaunchFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} (pid {Pid}) did not stop within {Seconds} s; killed")]
    private static partial void LogKilled(ILogger logger, string name, int pid, double seconds);
}
