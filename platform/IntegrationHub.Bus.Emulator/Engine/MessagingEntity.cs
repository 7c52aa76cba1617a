using Amqp;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Bus.Emulator.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>
/// A queue or a subscription: its messages, dead-letter sub-queue, sessions, locks and receivers. All state is
/// owned by the entity's loop (see <see cref="EntityLoop"/>).
/// </summary>
internal sealed partial class MessagingEntity : EntityLoop
{
    private readonly MessageStore _store;
    private readonly MemoryBudget _budget;
    private readonly Dictionary<string, SessionQueue> _sessions = new(StringComparer.Ordinal);
    private readonly SessionQueue _plain = new(null);
    private readonly SessionQueue _deadLetters = new(null);
    private readonly List<ConsumerLink> _consumers = [];
    private readonly List<ConsumerLink> _deadLetterConsumers = [];
    private readonly List<ConsumerLink> _sessionWaiters = [];
    private readonly PriorityQueue<MessageRecord, long> _scheduled = new();
    private readonly Dictionary<long, MessageRecord> _scheduledBySeq = [];
    private readonly PriorityQueue<MessageRecord, long> _lockExpiries = new();
    private readonly Dictionary<Guid, MessageRecord> _locks = [];
    private BodyReader? _reader;
    private int _roundRobin;

    public MessagingEntity(string name, QueueSettings settings, EntityStorage storage, MessageStore store, MemoryBudget budget, ILogger logger)
        : base(logger)
    {
        Name = name;
        Settings = settings;
        Storage = storage;
        _store = store;
        _budget = budget;
        Logger = logger;
    }

    public string Name { get; }
    public QueueSettings Settings { get; }
    public EntityStorage Storage { get; }
    private ILogger Logger { get; }
    private long LockMs => (long)Settings.LockDuration.TotalMilliseconds;

    /// <summary>Restores messages loaded from the store at start-up (locks were in memory only: all available).</summary>
    public void Restore(List<MessageRecord> records)
    {
        var now = Now();
        foreach (var r in records)
        {
            if (r.DeadLetter)
            {
                r.State = RecordState.Available;
                _deadLetters.Append(r);
            }
            else if (r.ScheduledMs > now)
            {
                AddScheduled(r);
            }
            else
            {
                r.State = RecordState.Available;
                QueueFor(r.SessionId).Append(r);
            }
        }
    }

    /// <summary>Messages whose insert committed; they become visible now (or when their schedule comes due).</summary>
    public void OnCommitted(List<MessageRecord> records)
    {
        var now = Now();
        foreach (var r in records)
        {
            if (r.IsDuplicate)
            {
                continue;
            }

            if (r.Body is { } body && !_budget.TryReserve(body.Length))
            {
                r.Body = null;
            }

            if (r.ScheduledMs > now)
            {
                AddScheduled(r);
                continue;
            }

            r.State = RecordState.Available;

            var queue = QueueFor(r.SessionId);
            queue.Append(r);
            Dispatch(queue);
        }
    }

    public (int Active, int Scheduled, int DeadLetter, int Locked) Counts()
    {
        var active = _plain.ActiveCount;
        foreach (var q in _sessions.Values)
        {
            active += q.ActiveCount;
        }

        return (active, _scheduledBySeq.Count, _deadLetters.ActiveCount, _locks.Count);
    }

    /// <summary>Periodic work: lock and session-lock expiry, scheduled messages coming due, session waits timing out.</summary>
    public void Tick()
    {
        var now = Now();
        while (_lockExpiries.TryPeek(out var r, out var until) && until <= now)
        {
            _lockExpiries.Dequeue();
            if (r.State == RecordState.Locked && r.LockedUntilMs <= now && r.Holder?.Session is null)
            {
                ReleaseLock(r, failedDelivery: true);
            }
        }

        while (_scheduled.TryPeek(out var s, out var due) && due <= now)
        {
            _scheduled.Dequeue();
            if (s.State == RecordState.Scheduled && _scheduledBySeq.Remove(s.Seq))
            {
                s.State = RecordState.Available;
                var queue = QueueFor(s.SessionId);
                queue.InsertSorted(s);
                Dispatch(queue);
            }
        }

        TickSessions(now);
        CompleteQuietDrains();
    }

    /// <summary>
    /// A drain that does not change the credit (the .NET SDK's way) raises no credit callback in AMQPNetLite,
    /// so links with credit are checked here for a pending drain flag.
    /// </summary>
    private void CompleteQuietDrains()
    {
        foreach (var consumer in _consumers)
        {
            if (consumer.Credit > 0 && consumer.Link.IsDraining)
            {
                Feed(consumer, _plain);
            }
        }

        foreach (var consumer in _deadLetterConsumers)
        {
            if (consumer.Credit > 0 && consumer.Link.IsDraining)
            {
                Feed(consumer, _deadLetters);
            }
        }

        foreach (var queue in _sessions.Values)
        {
            if (queue.Holder is { Credit: > 0 } holder && holder.Link.IsDraining)
            {
                Feed(holder, queue);
            }
        }
    }

    public async Task StopAsync()
    {
        await StopLoopAsync().ConfigureAwait(false);
        _reader?.Dispose();
    }

    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private SessionQueue QueueFor(string? sessionId)
    {
        if (!Settings.RequiresSession)
        {
            return _plain;
        }

        var key = sessionId ?? string.Empty;
        if (!_sessions.TryGetValue(key, out var queue))
        {
            queue = new SessionQueue(key);
            _sessions[key] = queue;
        }

        return queue;
    }

    private SessionQueue QueueOf(MessageRecord r) => r.DeadLetter ? _deadLetters : QueueFor(r.SessionId);

    private void AddScheduled(MessageRecord r)
    {
        r.State = RecordState.Scheduled;
        _scheduled.Enqueue(r, r.ScheduledMs);
        _scheduledBySeq[r.Seq] = r;
    }

    /// <summary>Hands available messages of <paramref name="queue"/> to receivers that have credit.</summary>
    private void Dispatch(SessionQueue queue)
    {
        if (ReferenceEquals(queue, _deadLetters))
        {
            DispatchRoundRobin(queue, _deadLetterConsumers);
        }
        else if (!Settings.RequiresSession)
        {
            DispatchRoundRobin(queue, _consumers);
        }
        else if (queue.Holder is { } holder)
        {
            Feed(holder, queue);
        }
        else if (_sessionWaiters.Count > 0)
        {
            AssignWaitingReceivers();
        }
    }

    private void DispatchRoundRobin(SessionQueue queue, List<ConsumerLink> consumers)
    {
        var idle = 0;
        while (consumers.Count > 0 && idle < consumers.Count)
        {
            var consumer = consumers[_roundRobin++ % consumers.Count];
            if (consumer.Credit <= 0 || !consumer.Attached)
            {
                idle++;
                continue;
            }

            if (!DeliverNext(consumer, queue))
            {
                return;
            }

            idle = 0;
        }
    }

    private void Feed(ConsumerLink consumer, SessionQueue queue)
    {
        while (consumer.Credit > 0 && consumer.Attached && !consumer.Closed && DeliverNext(consumer, queue))
        {
        }

        if (consumer.Credit > 0 && consumer.Attached && !consumer.Closed && consumer.Link.IsDraining)
        {
            consumer.Credit = 0;
            try
            {
                consumer.Link.CompleteDrain();
            }
            catch (AmqpException)
            {
                // The link is detaching; its close handler cleans up.
            }
        }
    }

    /// <summary>Delivers the next live message to the consumer; false when the queue has nothing deliverable.</summary>
    private bool DeliverNext(ConsumerLink consumer, SessionQueue queue)
    {
        var now = Now();
        while (queue.PeekNext() is { } record)
        {
            queue.Take(record);
            if (record.ExpiresMs <= now && !record.DeadLetter)
            {
                Expire(record);
                continue;
            }

            Deliver(consumer, queue, record, now);
            return true;
        }

        return false;
    }

    private void Deliver(ConsumerLink consumer, SessionQueue queue, MessageRecord record, long now)
    {
        var body = record.Body ?? LoadBody(record);
        record.DeliveryCount++;
        var token = Guid.NewGuid();
        long lockedUntil = 0;
        if (consumer.ReceiveAndDelete)
        {
            RemoveRecord(record, queue);
            var seq = record.Seq;
            _store.Enqueue(new ActionOp(w => w.Delete(Storage, seq), null));
        }
        else
        {
            lockedUntil = consumer.Session is { } session ? session.LockedUntilMs : now + LockMs;
            record.State = RecordState.Locked;
            record.LockToken = token;
            record.LockedUntilMs = lockedUntil;
            record.Holder = consumer;
            _locks[token] = record;
            consumer.Unsettled.Add(record);
            if (consumer.Session is null)
            {
                _lockExpiries.Enqueue(record, lockedUntil);
            }
        }

        var payload = MessageCodec.BuildDelivery(body, record, (uint)(record.DeliveryCount - 1), lockedUntil, null);
        consumer.Credit--;
        try
        {
            consumer.Link.SendMessage(new OutboundMessage(record, token), payload);
        }
        catch (AmqpException)
        {
            // The link is going away; its close handler releases what it held.
            consumer.Closed = true;
        }
    }

    private byte[] LoadBody(MessageRecord record)
    {
        _reader ??= _store.CreateReader();
        return _reader.ReadBody(Storage, record.Seq)
            ?? throw new InvalidOperationException($"Message {record.Seq} of '{Name}' is missing from the store.");
    }

    /// <summary>Takes a record out of its queue's live set (completed, received-and-deleted, dead-lettered away).</summary>
    private void RemoveRecord(MessageRecord record, SessionQueue queue)
    {
        if (record.State == RecordState.Locked)
        {
            _locks.Remove(record.LockToken);
            record.Holder?.Unsettled.Remove(record);
        }

        record.State = RecordState.Deleted;
        record.Holder = null;
        queue.ActiveCount--;
        if (record.Body is { } body)
        {
            _budget.Release(body.Length);
            record.Body = null;
        }

        queue.Compact();
    }

    private void Expire(MessageRecord record)
    {
        if (Settings.DeadLetteringOnMessageExpiration)
        {
            DeadLetter(record, "TTLExpiredException", "The message expired and was dead lettered.");
            return;
        }

        RemoveRecord(record, QueueOf(record));
        var seq = record.Seq;
        _store.Enqueue(new ActionOp(w => w.Delete(Storage, seq), null));
    }
}
