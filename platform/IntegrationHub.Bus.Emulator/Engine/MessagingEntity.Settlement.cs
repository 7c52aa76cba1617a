using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Storage;

namespace IntegrationHub.Bus.Emulator.Engine;

internal sealed partial class MessagingEntity
{
    private static readonly Symbol DeadLetterReasonKey = new("DeadLetterReason");
    private static readonly Symbol DeadLetterDescriptionKey = new("DeadLetterErrorDescription");
    internal static readonly Symbol LockLostCondition = new("com.microsoft:message-lock-lost");

    /// <summary>
    /// A client disposition on a delivery (spec §6.1): accepted = complete, rejected = dead-letter,
    /// modified = abandon, released = unlock without counting. Unsettled dispositions get a settled reply.
    /// </summary>
    public void OnDisposition(ConsumerLink consumer, OutboundMessage message, DeliveryState? state, bool settled)
    {
        var record = message.Record;
        var valid = record.State == RecordState.Locked && record.LockToken == message.LockToken && ReferenceEquals(record.Holder, consumer);
        if (!valid)
        {
            if (!settled && state is not Released)
            {
                Reply(consumer, message, new Rejected { Error = new Error(LockLostCondition) { Description = "The lock on the message was lost." } });
            }

            return;
        }

        switch (state)
        {
            case Accepted:
                Complete(record, settled ? null : () => Reply(consumer, message, state));
                break;
            case Rejected rejected:
                var (reason, description) = ReadDeadLetterReason(rejected.Error);
                DeadLetter(record, reason, description);
                if (!settled)
                {
                    Reply(consumer, message, state);
                }

                break;
            case Modified modified:
                Abandon(record, modified.MessageAnnotations);
                if (!settled)
                {
                    Reply(consumer, message, state);
                }

                break;
            case Released:
                ReleaseLock(record, failedDelivery: false);
                break;
            default:
                break;
        }
    }

    /// <summary>The client's link closed: locks it held are released (spec §4.5; session messages keep their count).</summary>
    public void OnConsumerClosed(ConsumerLink consumer)
    {
        consumer.Closed = true;
        _consumers.Remove(consumer);
        _deadLetterConsumers.Remove(consumer);
        _sessionWaiters.Remove(consumer);
        foreach (var record in consumer.Unsettled.ToArray())
        {
            ReleaseLock(record, failedDelivery: consumer.Session is null);
        }

        if (consumer.Session is { } session && ReferenceEquals(session.Holder, consumer))
        {
            session.Holder = null;
            AssignWaitingReceivers();
        }
    }

    public void OnCredit(ConsumerLink consumer, int delta)
    {

        consumer.Credit = Math.Max(0, consumer.Credit + delta);
        if (consumer.Closed || !consumer.Attached)
        {
            return;
        }

        if (consumer.DeadLetter)
        {
            Feed(consumer, _deadLetters);
        }
        else if (consumer.Session is { } session)
        {
            Feed(consumer, session);
        }
        else
        {
            Feed(consumer, _plain);
        }
    }

    private static void Reply(ConsumerLink consumer, OutboundMessage message, DeliveryState? state)
    {
        try
        {
            consumer.Link.DisposeMessage(message, state, true);
        }
        catch (Amqp.AmqpException)
        {
            // The link closed before the reply; the client sees the link error instead.
        }
    }

    private static (string? Reason, string? Description) ReadDeadLetterReason(Error? error)
    {
        if (error is null)
        {
            return (null, null);
        }

        var reason = error.Info?.TryGetValue(DeadLetterReasonKey, out var r) == true ? r?.ToString() : null;
        var description = error.Info?.TryGetValue(DeadLetterDescriptionKey, out var d) == true ? d?.ToString() : null;
        return (reason ?? error.Description, description ?? error.Description);
    }

    private void Complete(MessageRecord record, Action? afterCommit)
    {
        RemoveRecord(record, QueueOf(record));
        var seq = record.Seq;
        _store.Enqueue(new ActionOp(w => w.Delete(Storage, seq), afterCommit is null ? null : _ => afterCommit()));
    }

    private void Abandon(MessageRecord record, Fields? propertiesToModify)
    {
        if (propertiesToModify is { Count: > 0 })
        {
            var body = record.Body ?? LoadBody(record);
            var updates = new List<KeyValuePair<string, object?>>();
            foreach (var (key, value) in propertiesToModify)
            {
                updates.Add(new(key.ToString()!, value));
            }

            var updated = MessageCodec.WithApplicationProperties(body, updates);
            ReplaceBody(record, updated);
        }

        ReleaseLock(record, failedDelivery: true);
    }

    /// <summary>Unlocks a message. A failed delivery (abandon, expiry) keeps the count and may dead-letter it.</summary>
    private void ReleaseLock(MessageRecord record, bool failedDelivery)
    {
        _locks.Remove(record.LockToken);
        record.Holder?.Unsettled.Remove(record);
        record.Holder = null;
        record.LockToken = Guid.Empty;
        record.LockedUntilMs = 0;
        record.State = RecordState.Available;
        if (!failedDelivery)
        {
            record.DeliveryCount--;
        }
        else if (!record.DeadLetter && record.DeliveryCount >= Settings.MaxDeliveryCount)
        {
            DeadLetter(record, "MaxDeliveryCountExceeded",
                $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.");
            return;
        }
        else
        {
            var (seq, count) = (record.Seq, record.DeliveryCount);
            _store.Enqueue(new ActionOp(w => w.UpdateDeliveryCount(Storage, seq, count), null));
        }

        var queue = QueueOf(record);
        queue.Return(record);
        Dispatch(queue);
    }

    /// <summary>Moves a message to the dead-letter sub-queue, recording why in its application properties.</summary>
    private void DeadLetter(MessageRecord record, string? reason, string? description)
    {
        if (record.DeadLetter)
        {
            // Messages in the dead-letter queue are never dead-lettered again (spec §6.3): just unlock.
            if (record.State == RecordState.Locked)
            {
                ReleaseLock(record, failedDelivery: true);
            }

            return;
        }

        var body = record.Body ?? LoadBody(record);
        var updates = new List<KeyValuePair<string, object?>>();
        if (reason is not null)
        {
            updates.Add(new("DeadLetterReason", reason));
        }

        if (description is not null)
        {
            updates.Add(new("DeadLetterErrorDescription", description));
        }

        var newBody = updates.Count > 0 ? MessageCodec.WithApplicationProperties(body, updates) : body;
        RemoveRecord(record, QueueOf(record));
        var moved = new MessageRecord
        {
            Seq = record.Seq,
            SessionId = record.SessionId,
            EnqueuedMs = record.EnqueuedMs,
            ExpiresMs = long.MaxValue,
            DeliveryCount = record.DeliveryCount,
            DeadLetter = true,
            State = RecordState.Available,
            Body = newBody,
        };
        _budget.Reserve(newBody.Length); // until the move commits, the store still holds the old bytes
        _deadLetters.InsertSorted(moved);
        var (seq, count) = (moved.Seq, moved.DeliveryCount);
        _store.Enqueue(new ActionOp(w => w.MoveToDeadLetter(Storage, seq, count, newBody), null));
        Dispatch(_deadLetters);
    }

    private void ReplaceBody(MessageRecord record, byte[] body)
    {
        if (record.Body is { } old)
        {
            _budget.Release(old.Length);
            record.Body = null;
        }

        // Cached unconditionally: until the update commits, the store still holds the old bytes.
        var seq = record.Seq;
        _store.Enqueue(new ActionOp(w => w.ReplaceBody(Storage, seq, body), null));
        _budget.Reserve(body.Length);
        record.Body = body;
    }
}
