using Amqp;
using Amqp.Framing;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// Waits for the broker's attach. A refusal arrives as an attach with a null source/target followed by a
/// detach carrying the error, so completion on a null terminus is left to the closed callback.
/// </summary>
internal sealed class LinkAttacher
{
    private readonly TaskCompletionSource<Attach> _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Error?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _isReceiver;
    private readonly string _context;

    public LinkAttacher(bool isReceiver, string context)
    {
        _isReceiver = isReceiver;
        _context = context;
    }

    /// <summary>Completes when the link closes for any reason (with the error, if one was sent).</summary>
    public Task<Error?> Closed => _closed.Task;

    public void OnAttached(ILink link, Attach attach)
    {
        var terminus = _isReceiver ? attach.Source : attach.Target;
        if (terminus is not null)
        {
            _attached.TrySetResult(attach);
        }
    }

    public void Watch(Link link)
    {
        link.AddClosedCallback((_, error) =>
        {
            _closed.TrySetResult(error);
            _attached.TrySetException(AmqpErrors.FromError(error, _context, BusFailureReason.CommunicationError));
        });
        if (link.IsClosed)
        {
            _closed.TrySetResult(link.Error);
            _attached.TrySetException(AmqpErrors.FromError(link.Error, _context));
        }
    }

    public async Task<Attach> WaitAsync(Link link, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _attached.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            link.Close(TimeSpan.Zero, null);
            throw new BusException(BusFailureReason.Timeout, $"{_context}: the broker did not answer the attach within {timeout}.");
        }
        catch (OperationCanceledException)
        {
            link.Close(TimeSpan.Zero, null);
            throw;
        }
    }
}
