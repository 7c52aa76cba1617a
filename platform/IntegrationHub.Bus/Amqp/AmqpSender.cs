using Amqp;
using Amqp.Framing;
using Amqp.Types;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// Sends to one entity over an unsettled sender link: a send completes only when the broker answers
/// <c>accepted</c>. Rejections, link loss and time-outs raise <see cref="BusException"/>; a time-out is never
/// reported as success (the reference library's defect, spec §10.2).
/// </summary>
internal sealed class AmqpSender : IBusSender
{
    /// <summary>Used when the broker advertises no limit: the Standard tier's 256 KB.</summary>
    private const long DefaultMaxMessageSize = 256 * 1024;

    /// <summary>Room for the batch envelope (format, first message-id/group-id, section framing), generously rounded up.</summary>
    private const long BatchEnvelopeAllowance = 512;

    /// <summary>Service Bus allows 64 KB of headers and properties per message.</summary>
    private const long MaxHeaderBytes = 64 * 1024;

    /// <summary>Descriptor and 32-bit length of the data section wrapping each message in a batch.</summary>
    private const int DataSectionOverhead = 8;

    private readonly AmqpConnectionScope _scope;
    private readonly ManagementClient _management;
    private readonly Configuration.BusClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _linkGate = new(1, 1);
    private SenderState? _state;
    private bool _disposed;

    public AmqpSender(AmqpConnectionScope scope, string entityPath, Configuration.BusClientOptions options, ILogger logger)
    {
        _scope = scope;
        EntityPath = entityPath;
        _options = options;
        _logger = logger;
        _management = new ManagementClient(scope, entityPath, options.OperationTimeout);
    }

    public string EntityPath { get; }

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendWithRetryAsync(() => MessageConverter.ToAmqp(message), cancellationToken);
    }

    public Task SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count switch
        {
            0 => Task.CompletedTask,
            1 => SendAsync(messages[0], cancellationToken),
            _ => SendWithRetryAsync(() => MessageConverter.ToBatch(messages), cancellationToken),
        };
    }

    public async Task<int> SendInBatchesAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return 0;
        }

        var state = await GetLinkAsync(cancellationToken);
        var limit = state.MaxMessageSize is > 0 and < int.MaxValue ? (long)state.MaxMessageSize : DefaultMaxMessageSize;
        var sent = 0;
        var batch = new List<OutgoingMessage>();
        var size = BatchEnvelopeAllowance;
        foreach (var message in messages)
        {
            var encoded = MessageConverter.Encode(MessageConverter.ToAmqp(message)).Length + DataSectionOverhead;
            if (encoded + BatchEnvelopeAllowance > limit)
            {
                throw new BusException(BusFailureReason.MessageSizeExceeded,
                    $"Single message exceeds Service Bus max message size for '{EntityPath}' ({encoded} of {limit} bytes).");
            }

            if (batch.Count > 0 && size + encoded > limit)
            {
                await SendBatchAsync(batch, cancellationToken);
                sent += batch.Count;
                batch = [];
                size = BatchEnvelopeAllowance;
            }

            batch.Add(message);
            size += encoded;
        }

        await SendBatchAsync(batch, cancellationToken);
        return sent + batch.Count;
    }

    public async Task<IReadOnlyList<long>> ScheduleAsync(IReadOnlyList<OutgoingMessage> messages, DateTimeOffset enqueueTime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = new List();
        foreach (var source in messages)
        {
            var amqp = MessageConverter.ToAmqp(source);
            amqp.MessageAnnotations ??= new MessageAnnotations();
            amqp.MessageAnnotations[MessageConverter.ScheduledEnqueueTimeKey] = enqueueTime.UtcDateTime;
            var entry = new Map
            {
                ["message-id"] = source.MessageId ?? Guid.NewGuid().ToString("N"),
                ["message"] = MessageConverter.Encode(amqp),
            };
            if (source.SessionId is not null)
            {
                entry["session-id"] = source.SessionId;
            }

            list.Add(entry);
        }

        var body = await _management.CallAsync("com.microsoft:schedule-message", new Map { ["messages"] = list }, null, false, cancellationToken);
        return body?["sequence-numbers"] is long[] numbers ? numbers : [];
    }

    public async Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken = default) =>
        await _management.CallAsync("com.microsoft:cancel-scheduled-message", new Map { ["sequence-numbers"] = new[] { sequenceNumber } }, null, false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _linkGate.WaitAsync();
        try
        {
            _disposed = true;
            if (_state is { } state)
            {
                await LinkCloser.CloseAsync(state.Link);
                _state = null;
            }
        }
        finally
        {
            _linkGate.Release();
        }

        await _management.DisposeAsync();
    }

    private async Task SendWithRetryAsync(Func<Message> build, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.OperationTimeout);
        var attempts = Math.Max(1, _options.SendAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var state = await GetLinkAsync(deadline.Token);
                await SendOnceAsync(state, build(), deadline.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BusException(BusFailureReason.Timeout,
                    $"Sending to '{EntityPath}' was not confirmed within {_options.OperationTimeout}; the message may not have been accepted.");
            }
            catch (BusException ex) when (ex.IsTransient && attempt < attempts)
            {
                Log.SendRetry(_logger, ex, EntityPath, attempt, attempts, ex.Reason);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), deadline.Token);
            }
        }
    }

    private async Task SendOnceAsync(SenderState state, Message message, CancellationToken cancellationToken)
    {
        // Encoding only to measure costs a copy; skip it when the body leaves room for the largest headers allowed.
        if (state.MaxMessageSize > 0 && (ulong)(MessageConverter.BodyLength(message) + MaxHeaderBytes) > state.MaxMessageSize)
        {
            var size = message.Encode().Length;
            if ((ulong)size > state.MaxMessageSize)
            {
                throw new BusException(BusFailureReason.MessageSizeExceeded,
                    $"The message ({size} bytes) exceeds the maximum of {state.MaxMessageSize} bytes for '{EntityPath}'.");
            }
        }

        var outcome = new TaskCompletionSource<Outcome?>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            state.Link.Send(message, (_, _, result, _) => outcome.TrySetResult(result), null);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            Invalidate(state);
            throw AmqpErrors.FromException(ex, $"Sending to '{EntityPath}'");
        }

        // The outcome or the link's end, whichever comes first; an unconfirmed send is never success.
        Task finished;
        try
        {
            finished = await Task.WhenAny(outcome.Task, state.Attacher.Closed).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A message still queued for credit must not go out after we reported failure.
            CancelQuietly(state.Link, message);
            throw;
        }

        if (finished != outcome.Task && !outcome.Task.IsCompleted)
        {
            Invalidate(state);
            throw AmqpErrors.FromError(await state.Attacher.Closed, $"Sending to '{EntityPath}' (link lost before the broker confirmed)");
        }

        switch (await outcome.Task)
        {
            case Accepted:
                return;
            case Rejected rejected:
                throw AmqpErrors.FromError(rejected.Error, $"The broker rejected the message for '{EntityPath}'", BusFailureReason.Rejected);
            default:
                // Released (or no outcome): the link was torn down with the delivery in flight.
                Invalidate(state);
                throw new BusException(BusFailureReason.CommunicationError, $"Sending to '{EntityPath}' was not accepted (released).");
        }
    }

    private static void CancelQuietly(SenderLink link, Message message)
    {
        try
        {
            link.Cancel(message);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            // Already transferred or the link is gone: nothing left to withdraw.
        }
    }

    private void Invalidate(SenderState state) => Interlocked.CompareExchange(ref _state, null, state);

    private Task<SenderState> GetLinkAsync(CancellationToken cancellationToken) =>
        AmqpErrors.GuardAsync(() => GetLinkCoreAsync(cancellationToken), $"Attaching a sender to '{EntityPath}'");

    private async Task<SenderState> GetLinkCoreAsync(CancellationToken cancellationToken)
    {
        var state = _state;
        if (state is not null && state.IsUsable)
        {
            return state;
        }

        await _linkGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            state = _state;
            if (state is not null && state.IsUsable)
            {
                return state;
            }

            var (context, session) = await _scope.OpenSessionAsync(_scope.Endpoint.Audience(EntityPath), cancellationToken);
            var name = "sender-" + Guid.NewGuid().ToString("N");
            var attacher = new LinkAttacher(false, $"Attaching a sender to '{EntityPath}'");
            var link = new SenderLink(session, name,
                new Attach
                {
                    Source = new Source { Address = name },
                    Target = new Target { Address = EntityPath },
                    SndSettleMode = SenderSettleMode.Unsettled,
                    RcvSettleMode = ReceiverSettleMode.First,
                },
                attacher.OnAttached);
            attacher.Watch(link);
            var remote = await attacher.WaitAsync(link, _options.OperationTimeout, cancellationToken);
            Log.LinkAttached(_logger, name, EntityPath);
            _state = new SenderState(link, attacher, context, remote.MaxMessageSize);
            return _state;
        }
        finally
        {
            _linkGate.Release();
        }
    }

    private sealed record SenderState(SenderLink Link, LinkAttacher Attacher, AmqpConnectionContext Context, ulong MaxMessageSize)
    {
        public bool IsUsable => !Link.IsClosed && Context.IsOpen;
    }
}

internal static class LinkCloser
{
    public static async Task CloseAsync(Link link)
    {
        try
        {
            await link.CloseAsync(TimeSpan.FromSeconds(5), null);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            // The link or its connection was already gone.
        }
    }
}
