using System.Collections.Concurrent;
using System.Globalization;
using Amqp;
using Amqp.Framing;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// The request/response pattern used by <c>$cbs</c> and <c>&lt;entity&gt;/$management</c>: a settled sender to the node
/// and a receiver from it whose target is our reply address; responses are matched by correlation-id.
/// </summary>
internal sealed class RequestResponseChannel
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Message>> _pending = new(StringComparer.Ordinal);
    private readonly SenderLink _sender;
    private readonly ReceiverLink _receiver;
    private readonly string _replyTo;
    private long _nextId;
    private volatile bool _closed;

    private RequestResponseChannel(Session session, string node)
    {
        Node = node;
        var id = Guid.NewGuid().ToString("N");
        _replyTo = node + "-reply-" + id;
        SenderAttacher = new LinkAttacher(false, $"Opening the request link to '{node}'");
        ReceiverAttacher = new LinkAttacher(true, $"Opening the response link from '{node}'");
        _sender = new SenderLink(session, node + "-sender-" + id,
            new Attach
            {
                Source = new Source { Address = _replyTo },
                Target = new Target { Address = node },
                SndSettleMode = SenderSettleMode.Settled,
                RcvSettleMode = ReceiverSettleMode.First,
            },
            SenderAttacher.OnAttached);
        _receiver = new ReceiverLink(session, node + "-receiver-" + id,
            new Attach
            {
                Source = new Source { Address = node },
                Target = new Target { Address = _replyTo },
                SndSettleMode = SenderSettleMode.Settled,
                RcvSettleMode = ReceiverSettleMode.First,
            },
            ReceiverAttacher.OnAttached);
        SenderAttacher.Watch(_sender);
        ReceiverAttacher.Watch(_receiver);
        _sender.AddClosedCallback((_, error) => FailAll(error));
        _receiver.AddClosedCallback((_, error) => FailAll(error));
        _receiver.Start(50, OnResponse);
    }

    public string Node { get; }

    public bool IsOpen => !_closed && !_sender.IsClosed && !_receiver.IsClosed;

    private LinkAttacher SenderAttacher { get; }

    private LinkAttacher ReceiverAttacher { get; }

    public static async Task<RequestResponseChannel> OpenAsync(Session session, string node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var channel = new RequestResponseChannel(session, node);
        await channel.SenderAttacher.WaitAsync(channel._sender, timeout, cancellationToken);
        await channel.ReceiverAttacher.WaitAsync(channel._receiver, timeout, cancellationToken);
        return channel;
    }

    /// <summary>Sends the request and returns the response; throws <see cref="BusException"/> on link loss or time-out.</summary>
    public async Task<Message> RequestAsync(Message request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            throw new BusException(BusFailureReason.CommunicationError, $"The request channel to '{Node}' is closed.");
        }

        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        request.Properties ??= new Properties();
        request.Properties.MessageId = id;
        request.Properties.ReplyTo = _replyTo;
        var response = new TaskCompletionSource<Message>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        try
        {
            // A null outcome callback sends the request pre-settled, as the .NET SDK does.
            _sender.Send(request, null, null);
            return await response.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new BusException(BusFailureReason.Timeout, $"No response from '{Node}' within {timeout}.");
        }
        catch (AmqpException ex)
        {
            throw AmqpErrors.FromException(ex, $"Request to '{Node}'");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async Task CloseAsync()
    {
        _closed = true;
        await CloseQuietly(_sender);
        await CloseQuietly(_receiver);
    }

    private static async Task CloseQuietly(Link link)
    {
        try
        {
            await link.CloseAsync(TimeSpan.FromSeconds(2), null);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            // Closing after the connection died: nothing to do.
        }
    }

    private void OnResponse(IReceiverLink link, Message message)
    {
        link.Accept(message);
        var correlation = message.Properties?.GetCorrelationId();
        var key = correlation switch
        {
            null => null,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => correlation.ToString(),
        };
        if (key is not null && _pending.TryRemove(key, out var waiter))
        {
            waiter.TrySetResult(message);
        }
    }

    private void FailAll(Error? error)
    {
        _closed = true;
        foreach (var pair in _pending)
        {
            if (_pending.TryRemove(pair.Key, out var waiter))
            {
                waiter.TrySetException(AmqpErrors.FromError(error, $"Request to '{Node}'"));
            }
        }
    }
}
