using System.Text.RegularExpressions;

namespace IntegrationHub.Cli.Tests;

/// <summary><c>hub listen</c> running in this process on a free port, stopped through the cancellation hook.</summary>
internal sealed partial class InProcessListener : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _run;

    private InProcessListener()
    {
    }

    public WatchedWriter Output { get; } = new();

    public WatchedWriter Error { get; } = new();

    public int Port { get; private set; }

    public static async Task<InProcessListener> StartAsync(params string[] options)
    {
        var listener = new InProcessListener();
        string[] args = ["listen", "--port", "0", .. options];
        listener._run = Task.Run(() => HubCli.RunAsync(args, listener.Output, listener.Error, listener._stop.Token));
        await listener.Error.WaitForAsync("listening on ");
        listener.Port = int.Parse(BoundPort().Match(listener.Error.ToString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return listener;
    }

    /// <summary>Stops the listener as Ctrl+C would and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    [GeneratedRegex(@"listening on [^\s]+:(\d+),")]
    private static partial Regex BoundPort();
}
