using Amqp;
using Amqp.Framing;
using Amqp.Types;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// A peek-lock receiver (rcv-settle-mode second). Plain receivers re-attach after link loss; a session receiver
/// cannot (its session lock died with the link) and reports <see cref="BusFailureReason.SessionLockLost"/>.
/// Messages from a link that is gone raise <see cref="BusFailureReason.MessageLockLost"/> on settlement instead of
/// pretending success.
/// </summary>
internal sealed partial class AmqpReceiver : IBusReceiver
{
    private static readonly Symbol SessionFilterKey = new("com.microsoft:session-filter");
    private static readonly Symbol LockedUntilUtcKey = new("com.microsoft:locked-until-utc");
    private static readonly Symbol TimeoutKey = new("com.microsoft:timeout");

    /// <summary>After the first message, how long to wait for more of the same batch.</summary>
    private static readonly TimeSpan BatchLinger = TimeSpan.FromMilliseconds(20);

    private readonly AmqpConnectionScope _scope;
    private readonly ReceiverOptions _options;
    private readonly Configuration.BusClientOptions _busOptions;
    private readonly ManagementClient _management;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReceiverLinkState? _state;

    /// <summary>
    /// Whether the link that delivered the held messages is still open as far as this client knows. The client
    /// learns of a dropped connection asynchronously (its reader sees the close); until then an unconfirmed
    /// settlement is written and forgotten, and the broker redelivers what it never received.
    /// </summary>
    internal bool HasUsableLink => _state is { IsUsable: true };
    private bool _disposed;

    private AmqpReceiver(AmqpConnectionScope scope, ReceiverOptions options, Configuration.BusClientOptions busOptions, TimeProvider time, ILogger logger)
    {
        _time = time;
        _scope = scope;
        _options = options;
        _busOptions = busOptions;
        _logger = logger;
        _management = new ManagementClient(scope, options.EntityPath, busOptions.OperationTimeout);
    }

    public string EntityPath => _options.EntityPath;

    public string? SessionId { get; private set; }

    public DateTimeOffset? SessionLockedUntil { get; private set; }

    private bool IsSessionReceiver => _options.SessionMode != SessionMode.None;

    public static async Task<AmqpReceiver> OpenAsync(AmqpConnectionScope scope, ReceiverOptions options, Configuration.BusClientOptions busOptions, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.SessionMode == SessionMode.Named && string.IsNullOrEmpty(options.SessionId))
        {
            throw new ArgumentException("A named-session receiver needs a SessionId.", nameof(options));
        }

        var receiver = new AmqpReceiver(scope, options, busOptions, time, logger);
        receiver._state = await receiver.AttachAsync(cancellationToken);
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var state = await GetStateAsync(cancellationToken);
        state.EnsureCredit(Math.Max(maxMessages, _options.PrefetchCount));

        var result = new List<ReceivedMessage>(maxMessages);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            while (result.Count < maxMessages)
            {
                if (!state.Arrived.TryRead(out var message))
                {
                    if (result.Count > 0)
                    {
                        // Collect what the broker is already streaming, but do not hold a ready batch back.
                        wait.CancelAfter(BatchLinger);
                    }

                    if (!await state.Arrived.WaitToReadAsync(wait.Token))
                    {
                        break; // link closed
                    }

                    continue;
                }

                result.Add(MessageConverter.FromAmqp(message, new Handle(this, state, message), SessionLockedUntil));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // maxWait elapsed: return what we have.
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: hand back what it will never see, without counting a delivery (released).
            foreach (var taken in result)
            {
                TryRelease(state, ((Handle)taken.SettlementHandle!).Message);
            }

            throw;
        }

        if (result.Count == 0 && !state.IsUsable)
        {
            throw LinkLost(state);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
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
            _gate.Release();
        }

        await _management.DisposeAsync();
    }

    private async Task<ReceiverLinkState> GetStateAsync(CancellationToken cancellationToken)
    {
        var state = _state;
        if (state is not null && state.IsUsable)
        {
            return state;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsSessionReceiver)
        {
            throw LinkLost(state);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_state is { IsUsable: true } current)
            {
                return current;
            }

            Log.ReceiverLinkLost(_logger, EntityPath, state?.Link.Error?.Condition?.ToString());
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_busOptions.OperationTimeout);
            try
            {
                _state = await AttachAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new BusException(BusFailureReason.CommunicationError, $"Re-attaching the receiver on '{EntityPath}' did not complete within {_busOptions.OperationTimeout}.");
            }

            return _state;
        }
        finally
        {
            _gate.Release();
        }
    }

    private BusException LinkLost(ReceiverLinkState? state)
    {
        var error = state?.Link.Error;
        if (IsSessionReceiver)
        {
            var text = error is null ? "closed" : $"{error.Condition}: {error.Description}";
            return new BusException(BusFailureReason.SessionLockLost, $"The link holding session '{SessionId}' on '{EntityPath}' is gone ({text}).", error?.Condition?.ToString());
        }

        return AmqpErrors.FromError(error, $"Receiving from '{EntityPath}'");
    }

    private Task<ReceiverLinkState> AttachAsync(CancellationToken cancellationToken) =>
        AmqpErrors.GuardAsync(() => AttachCoreAsync(cancellationToken), $"Attaching a receiver to '{EntityPath}'");

    private async Task<ReceiverLinkState> AttachCoreAsync(CancellationToken cancellationToken)
    {
        var (context, session) = await _scope.OpenSessionAsync(_scope.Endpoint.Audience(EntityPath), cancellationToken);
        var name = "receiver-" + Guid.NewGuid().ToString("N");
        var source = new Source { Address = EntityPath };
        var attach = new Attach
        {
            Source = source,
            Target = new Target { Address = name },
            SndSettleMode = SenderSettleMode.Unsettled,
            RcvSettleMode = ReceiverSettleMode.Second,
        };
        var waitLimit = _busOptions.OperationTimeout;
        if (IsSessionReceiver)
        {
            // A plain value (not the described form): the broker echoes it back with the session it locked.
            source.FilterSet = new Map { [SessionFilterKey] = _options.SessionMode == SessionMode.Named ? _options.SessionId : null };
            if (_options.SessionMode == SessionMode.NextAvailable)
            {
                attach.Properties = new Fields { [TimeoutKey] = (uint)_options.SessionAcceptTimeout.TotalMilliseconds };
                waitLimit += _options.SessionAcceptTimeout;
            }
        }

        var attacher = new LinkAttacher(true, $"Attaching a receiver to '{EntityPath}'");
        var link = new ReceiverLink(session, name, attach, attacher.OnAttached);
        attacher.Watch(link);
        var state = new ReceiverLinkState(link, attacher, context);
        link.Start(0, state.OnMessage);
        var remote = await attacher.WaitAsync(link, waitLimit, cancellationToken);
        if (IsSessionReceiver)
        {
            SessionId = ReadSessionId(remote) ?? _options.SessionId;
            SessionLockedUntil = remote.Properties?[LockedUntilUtcKey] is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            Log.SessionLocked(_logger, EntityPath, SessionId, SessionLockedUntil);
        }
        else
        {
            Log.LinkAttached(_logger, name, EntityPath);
        }

        return state;
    }

    private static string? ReadSessionId(Attach remote)
    {
        var value = (remote.Source as Source)?.FilterSet?[SessionFilterKey];
        return value switch
        {
            string id => id,
            DescribedValue { Value: string described } => described,
            _ => null,
        };
    }

    /// <summary>Ties a received message to the receiver and the exact link that delivered it.</summary>
    private sealed record Handle(AmqpReceiver Owner, ReceiverLinkState State, Message Message);
}
