using IntegrationHub.Bus.Emulator.Storage;

namespace IntegrationHub.Bus.Emulator.Engine;

internal sealed partial class MessagingEntity
{
    /// <summary>renew-lock: extends each lock by the lock duration; null when any of them is no longer held.</summary>
    public DateTime[]? RenewLocks(IReadOnlyList<Guid> tokens)
    {
        var now = Now();
        var result = new DateTime[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_locks.TryGetValue(tokens[i], out var record) || record.State != RecordState.Locked)
            {
                return null;
            }

            if (record.Holder?.Session is { } session)
            {
                result[i] = MessageCodec.FromUnixMs(session.LockedUntilMs);
                continue;
            }

            record.LockedUntilMs = now + LockMs;
            _lockExpiries.Enqueue(record, record.LockedUntilMs);
            result[i] = MessageCodec.FromUnixMs(record.LockedUntilMs);
        }

        return result;
    }

    /// <summary>Settles messages by lock token (management update-disposition); false when a lock is gone.</summary>
    public void UpdateDisposition(IReadOnlyList<Guid> tokens, string status, string? reason, string? description, Action<bool, Exception?> durable)
    {
        // The store applies operations in order, so a no-op queued after the settlements completes only once
        // they are committed: the caller answers then, which makes a confirmed settlement a durable one.
        var settled = Settle(tokens, status, reason, description);
        _store.Enqueue(new ActionOp(static _ => { }, error => durable(settled, error)));
    }

    private bool Settle(IReadOnlyList<Guid> tokens, string status, string? reason, string? description)
    {
        foreach (var token in tokens)
        {
            if (!_locks.TryGetValue(token, out var record) || record.State != RecordState.Locked)
            {
                return false;
            }

            switch (status)
            {
                case "completed":
                    Complete(record, null);
                    break;
                case "suspended":
                    DeadLetter(record, reason, description);
                    break;
                default:
                    Abandon(record, null);
                    break;
            }
        }

        return true;
    }

    /// <summary>Live messages from a sequence number on, in order (management peek and the admin API).</summary>
    public List<MessageRecord> PeekRecords(long fromSeq, int count, string? sessionId, bool deadLetter)
    {
        var found = new List<MessageRecord>();
        if (deadLetter)
        {
            _deadLetters.CollectFrom(fromSeq, count, found);
            return found;
        }

        if (!Settings.RequiresSession)
        {
            _plain.CollectFrom(fromSeq, count, found);
        }
        else if (sessionId is not null)
        {
            if (_sessions.TryGetValue(sessionId, out var queue))
            {
                queue.CollectFrom(fromSeq, count, found);
            }
        }
        else
        {
            foreach (var queue in _sessions.Values)
            {
                queue.CollectFrom(fromSeq, count, found);
            }
        }

        foreach (var scheduled in _scheduledBySeq.Values)
        {
            if (scheduled.Seq >= fromSeq && (sessionId is null || scheduled.SessionId == sessionId))
            {
                found.Add(scheduled);
            }
        }

        found.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
        if (found.Count > count)
        {
            found.RemoveRange(count, found.Count - count);
        }

        return found;
    }

    /// <summary>Encodes peeked messages the way a receive would, with the delivery count as-is (spec §4.4).</summary>
    public List<byte[]> PeekEncoded(long fromSeq, int count, string? sessionId, bool deadLetter)
    {
        var list = new List<byte[]>();
        foreach (var record in PeekRecords(fromSeq, count, sessionId, deadLetter))
        {
            var state = record.State == RecordState.Scheduled ? 2 : 0;
            var body = record.Body ?? LoadBody(record);
            list.Add(MessageCodec.ToArray(MessageCodec.BuildDelivery(body, record, (uint)record.DeliveryCount, 0, state)));
        }

        return list;
    }

    /// <summary>The stored bytes of a message (admin peek decodes them).</summary>
    public byte[] BodyOf(MessageRecord record) => record.Body ?? LoadBody(record);

    public int CancelScheduled(IReadOnlyList<long> sequenceNumbers)
    {
        var cancelled = 0;
        foreach (var seq in sequenceNumbers)
        {
            if (_scheduledBySeq.Remove(seq, out var record))
            {
                record.State = RecordState.Deleted;
                if (record.Body is { } body)
                {
                    _budget.Release(body.Length);
                    record.Body = null;
                }

                _store.Enqueue(new ActionOp(w => w.Delete(Storage, seq), null));
                cancelled++;
            }
        }

        return cancelled;
    }

    /// <summary>Deletes every unlocked message of the main queue or the dead-letter queue.</summary>
    public int Purge(bool deadLetter)
    {
        var removed = new List<long>();
        foreach (var queue in deadLetter ? [_deadLetters] : AllMainQueues())
        {
            foreach (var record in queue.Live())
            {
                if (record.State == RecordState.Available)
                {
                    RemoveRecord(record, queue);
                    removed.Add(record.Seq);
                }
            }
        }

        var cancelled = deadLetter ? 0 : CancelScheduled([.. _scheduledBySeq.Keys]);
        _store.Enqueue(new ActionOp(w => removed.ForEach(seq => w.Delete(Storage, seq)), null));
        return removed.Count + cancelled;
    }

    /// <summary>
    /// Takes dead-lettered messages (one, or all when <paramref name="seq"/> is null) out of the dead-letter
    /// queue for resubmission; returns their bodies without the dead-letter properties.
    /// </summary>
    public List<(long Seq, MessageRecord Record, byte[] Body)> TakeDeadLetters(long? seq)
    {
        var taken = new List<(long, MessageRecord, byte[])>();
        foreach (var record in _deadLetters.Live())
        {
            if (record.State != RecordState.Available || (seq is { } wanted && record.Seq != wanted))
            {
                continue;
            }

            var body = MessageCodec.WithoutApplicationProperties(BodyOf(record), "DeadLetterReason", "DeadLetterErrorDescription");
            var fresh = new MessageRecord
            {
                SessionId = record.SessionId,
                EnqueuedMs = Now(),
                ExpiresMs = Now() + (long)Settings.DefaultMessageTimeToLive.TotalMilliseconds,
                Body = body,
            };
            RemoveRecord(record, _deadLetters);
            taken.Add((record.Seq, fresh, body));
        }

        return taken;
    }

    private IEnumerable<SessionQueue> AllMainQueues() => Settings.RequiresSession ? [.. _sessions.Values] : [_plain];
}
