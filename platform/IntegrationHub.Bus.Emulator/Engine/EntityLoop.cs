using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>
/// A single-threaded work loop. Everything an entity owns is touched only from its loop, so AMQPNetLite's
/// I/O callbacks never take our locks (no lock-order deadlocks with the library's session locks) and
/// deliveries on a link go out in the order they were taken.
/// </summary>
internal abstract partial class EntityLoop
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private Task? _loop;

    protected EntityLoop(ILogger logger) => _logger = logger;

    public void Post(Action action)
    {
        if (!_work.Writer.TryWrite(action))
        {
            LogDropped(_logger);
        }
    }

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                tcs.SetResult(func());
            }
            catch (Exception ex)
            {
                tcs.SetException(ex);
            }
        });
        return tcs.Task;
    }

    public void StartLoop() => _loop = Task.Run(RunAsync);

    public async Task StopLoopAsync()
    {
        _work.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var action))
            {
                try
                {
                    action();
                }
                catch (Exception ex)
                {
                    LogWorkFailed(_logger, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Entity work item failed")]
    private static partial void LogWorkFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work posted after the entity stopped was dropped")]
    private static partial void LogDropped(ILogger logger);
}
