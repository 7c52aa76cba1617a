using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Settlement (link dispositions, spec §6.1) and the <c>$management</c> operations of a receiver (§7.3).</summary>
internal sealed partial class AmqpReceiver
{
    private static readonly Symbol DeadLetterReasonKey = new("DeadLetterReason");
    private static readonly Symbol DeadLetterDescriptionKey = new("DeadLetterErrorDescription");

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
        SettleAsync(message, "complete", (link, m) => link.Accept(m), "completed", null, cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, IReadOnlyDictionary<string, object?>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        Fields? annotations = null;
        if (propertiesToModify is { Count: > 0 })
        {
            annotations = [];
            foreach (var (key, value) in propertiesToModify)
            {
                annotations[new Symbol(key)] = value;
            }
        }

        Map? extra = null;
        if (propertiesToModify is { Count: > 0 })
        {
            var properties = new Map();
            foreach (var (key, value) in propertiesToModify)
            {
                properties[key] = value;
            }

            extra = new Map { ["properties-to-modify"] = properties };
        }

        // modified without undeliverable-here = abandon (spec §6.1); delivery-failed set like uamqp.
        return SettleAsync(message, "abandon", (link, m) => link.Modify(m, true, false, annotations), "abandoned", extra, cancellationToken);
    }

    /// <summary>
    /// Unlocks a message this receiver will not process now, without counting it as a failed delivery
    /// (AMQP <c>released</c>, spec §6.1). Always a link disposition: <c>update-disposition</c> has no equivalent.
    /// </summary>
    public Task ReleaseAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var handle = OwnHandle(message);
        if (!handle.State.IsUsable || !ReferenceEquals(handle.State, _state))
        {
            // The link is gone: the broker has already unlocked the message.
            return Task.CompletedTask;
        }

        try
        {
            handle.State.Link.Release(handle.Message);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            // Same as above: a message whose link failed is unlocked by the broker.
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var error = new Error(new Symbol(AmqpErrors.DeadLetterCondition))
        {
            Description = description ?? reason,
            Info = new Fields { [DeadLetterReasonKey] = reason, [DeadLetterDescriptionKey] = description ?? string.Empty },
        };
        var extra = new Map { ["deadletter-reason"] = reason, ["deadletter-description"] = description ?? string.Empty };
        return SettleAsync(message, "dead-letter", (link, m) => link.Reject(m, error), "suspended", extra, cancellationToken);
    }

    public async Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var handle = OwnHandle(message);
        if (!handle.State.IsUsable)
        {
            throw new BusException(BusFailureReason.MessageLockLost, $"The link that delivered message {message.MessageId} is gone; its lock is lost.");
        }

        var body = await _management.CallAsync("com.microsoft:renew-lock", new Map { ["lock-tokens"] = new[] { message.LockToken } },
            handle.State.Link.Name, false, cancellationToken);
        var expiry = body?["expirations"] is DateTime[] { Length: > 0 } expirations ? MessageConverter.ToOffset(expirations[0]) : DateTimeOffset.MinValue;
        message.LockedUntil = expiry;
        return expiry;
    }

    public async Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken = default)
    {
        if (!IsSessionReceiver || SessionId is null)
        {
            throw new InvalidOperationException("Only a session receiver has a session lock.");
        }

        var state = _state;
        if (state is null || !state.IsUsable)
        {
            throw new BusException(BusFailureReason.SessionLockLost, $"The link holding session '{SessionId}' on '{EntityPath}' is gone.");
        }

        var body = await _management.CallAsync("com.microsoft:renew-session-lock", new Map { ["session-id"] = SessionId },
            state.Link.Name, false, cancellationToken);
        SessionLockedUntil = ManagementMessages.ToOffset(body?["expiration"]);
        return SessionLockedUntil.Value;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> PeekAsync(int maxMessages, long fromSequenceNumber = 0, CancellationToken cancellationToken = default)
    {
        var request = new Map { ["from-sequence-number"] = fromSequenceNumber, ["message-count"] = maxMessages };
        if (SessionId is not null)
        {
            request["session-id"] = SessionId;
        }

        var body = await _management.CallAsync("com.microsoft:peek-message", request, _state?.Link.Name, true, cancellationToken);
        var result = new List<ReceivedMessage>();
        if (body?["messages"] is IEnumerable<object> entries)
        {
            foreach (var entry in entries)
            {
                if (entry is Map map && map["message"] is byte[] bytes)
                {
                    result.Add(MessageConverter.FromAmqp(MessageConverter.Decode(bytes), null, null, peeked: true));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Settles on the delivering link (fire-and-forget: AMQPNetLite always sends settled dispositions), or with
    /// <see cref="ReceiverOptions.ConfirmSettlement"/> through <c>update-disposition</c>, whose answer confirms the
    /// broker applied (and stored) it or reports the lost lock.
    /// </summary>
    private async Task SettleAsync(ReceivedMessage message, string operation, Action<ReceiverLink, Message> settle,
        string dispositionStatus, Map? extra, CancellationToken cancellationToken)
    {
        var handle = OwnHandle(message);
        if (!IsSessionReceiver && message.LockedUntil > DateTimeOffset.MinValue && _time.GetUtcNow() > message.LockedUntil)
        {
            // The broker has released an expired lock and ignores a late settlement; say so instead of pretending.
            throw new BusException(BusFailureReason.MessageLockLost,
                $"Cannot {operation} message {message.MessageId} on '{EntityPath}': its lock expired at {message.LockedUntil:O}.");
        }

        if (!handle.State.IsUsable || !ReferenceEquals(handle.State, _state))
        {
            throw new BusException(IsSessionReceiver ? BusFailureReason.SessionLockLost : BusFailureReason.MessageLockLost,
                $"Cannot {operation} message {message.MessageId} on '{EntityPath}': the link that delivered it is gone, so its lock is lost.");
        }

        if (_options.ConfirmSettlement)
        {
            var body = new Map { ["disposition-status"] = dispositionStatus, ["lock-tokens"] = new[] { message.LockToken } };
            if (extra is not null)
            {
                foreach (var pair in extra)
                {
                    body[pair.Key] = pair.Value;
                }
            }

            if (SessionId is not null)
            {
                body["session-id"] = SessionId;
            }

            // The delivery stays unsettled in AMQPNetLite's bookkeeping until the link closes; nothing more is sent
            // on the link, because a second, link-level settlement of the same message is undefined for Azure.
            await _management.CallAsync("com.microsoft:update-disposition", body, handle.State.Link.Name, false, cancellationToken);
            return;
        }

        try
        {
            settle(handle.State.Link, handle.Message);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            throw new BusException(IsSessionReceiver ? BusFailureReason.SessionLockLost : BusFailureReason.MessageLockLost,
                $"Cannot {operation} message {message.MessageId} on '{EntityPath}': {ex.Message}", null, ex);
        }
    }

    private static void TryRelease(ReceiverLinkState state, Message message)
    {
        try
        {
            state.Link.Release(message);
        }
        catch (Exception ex) when (ex is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            // The link is gone; the broker releases the lock with it.
        }
    }

    private Handle OwnHandle(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.SettlementHandle is not Handle handle || !ReferenceEquals(handle.Owner, this))
        {
            throw new ArgumentException("The message was not received by this receiver.", nameof(message));
        }

        return handle;
    }
}
