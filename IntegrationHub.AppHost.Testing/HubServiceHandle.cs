using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;

namespace IntegrationHub.AppHost.Testing;

/// <summary>
/// One supervised service process of a test hub: its state, and the controls a test needs to break it — a graceful
/// stop, a start, a restart, and a kill (SIGKILL, as a crash; the supervisor restarts it after its back-off).
/// </summary>
public sealed class HubServiceHandle
{
    private readonly SupervisedProcess _process;
    private readonly TimeSpan _defaultWait;
    private readonly Action _onTimeout;

    internal HubServiceHandle(SupervisedProcess process, TimeSpan defaultWait, Action onTimeout)
    {
        _process = process;
        _defaultWait = defaultWait;
        _onTimeout = onTimeout;
    }

    /// <summary>The service as the model describes it (name, role, ports, environment).</summary>
    public ServiceResource Resource => _process.Resource;

    /// <summary>The service name, e.g. <c>phw-transformer</c>.</summary>
    public string Name => _process.Resource.Name;

    /// <summary>Where the supervisor is with it (Healthy once its probe port accepts).</summary>
    public ResourceState State => _process.State;

    /// <summary>The id of the current process, if one was started.</summary>
    public int? ProcessId => _process.ProcessId;

    /// <summary>True when the service runs as a natively compiled executable (<see cref="HubTestOptions.NativeDirectory"/>).</summary>
    public bool IsNative => _process.IsNative;

    /// <summary>How many times the supervisor restarted it after it exited.</summary>
    public int Restarts => _process.Restarts;

    /// <summary>Its log file (stdout and stderr of every run), e.g. to put into a failure message.</summary>
    public string LogPath => _process.Output.FilePath;

    /// <summary>Everything the service wrote so far, across restarts.</summary>
    public string Log()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Stops it gracefully (SIGTERM, then a kill after the grace period); it stays stopped until <see cref="StartAsync"/>.</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>Starts it again after <see cref="StopAsync"/> and waits until it is healthy.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var before = _process.ProcessId;
        _process.Start();
        await WaitUntilRunningAnewAsync(before, timeout).ConfigureAwait(false);
    }

    /// <summary>Stops it gracefully, starts it again and waits until the new process is healthy.</summary>
    public async Task RestartAsync(TimeSpan? timeout = null)
    {
        var before = _process.ProcessId;
        await _process.RestartAsync().ConfigureAwait(false);
        await WaitUntilRunningAnewAsync(before, timeout).ConfigureAwait(false);
    }

    /// <summary>Kills the process at once (no drain), as a crash would. The supervisor restarts it after its back-off.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Kills it, then waits until the supervisor has restarted it and the new process is healthy.</summary>
    public async Task KillAndWaitForRestartAsync(TimeSpan? timeout = null)
    {
        var before = _process.ProcessId;
        _process.Kill();
        await WaitUntilRunningAnewAsync(before, timeout).ConfigureAwait(false);
    }

    /// <summary>Waits until the service's probe accepts connections.</summary>
    public Task WaitUntilHealthyAsync(TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => _process.State == ResourceState.Healthy, timeout ?? _defaultWait, () => $"{Name} to be healthy (it is {State}; log {LogPath})", _onTimeout);

    private Task WaitUntilRunningAnewAsync(int? previousProcessId, TimeSpan? timeout) =>
        Poll.UntilAsync(
            () => _process.ProcessId != previousProcessId && _process.State == ResourceState.Healthy,
            timeout ?? _defaultWait,
            () => $"a new {Name} process to be healthy (it is {State}, pid {ProcessId}; log {LogPath})",
            _onTimeout);
}
