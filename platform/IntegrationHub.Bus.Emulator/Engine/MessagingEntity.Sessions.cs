using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Storage;

namespace IntegrationHub.Bus.Emulator.Engine;

internal sealed partial class MessagingEntity
{
    internal static readonly Symbol SessionFilterKey = new("com.microsoft:session-filter");
    private static readonly Symbol LockedUntilUtcKey = new("com.microsoft:locked-until-utc");
    private static readonly Symbol SessionCannotBeLocked = new("com.microsoft:session-cannot-be-locked");
    private static readonly Symbol SessionLockLost = new("com.microsoft:session-lock-lost");
    private static readonly Symbol TimeoutCondition = new("com.microsoft:timeout");
    private const long UnixEpochTicks = 621355968000000000;

    /// <summary>
    /// Completes a receiver attach. Plain receivers attach at once; session receivers attach once a session is
    /// locked for them: the named one, or the next session with messages (waiting up to the client's timeout).
    /// </summary>
    public void AttachConsumer(ConsumerLink consumer, Attach attach, string? sessionId, long waitMs)
    {
        if (consumer.Closed)
        {
            return;
        }

        if (consumer.DeadLetter || !consumer.IsSessionReceiver)
        {
            (consumer.DeadLetter ? _deadLetterConsumers : _consumers).Add(consumer);
            consumer.Attached = true;
            consumer.CompleteAttach(attach, null);
            OnCredit(consumer, 0);
            return;
        }

        if (sessionId is not null)
        {
            var queue = QueueFor(sessionId);
            if (queue.Holder is { Closed: false })
            {
                consumer.Closed = true;
                consumer.CompleteAttach(attach, new Error(SessionCannotBeLocked)
                {
                    Description = $"The session '{sessionId}' is locked by another receiver.",
                });
                return;
            }

            LockSession(queue, consumer);
            return;
        }

        consumer.WaitDeadlineMs = Now() + waitMs;
        _sessionWaiters.Add(consumer);
        AssignWaitingReceivers();
    }

    public DateTime? RenewSessionLock(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var queue) || queue.Holder is null)
        {
            return null;
        }

        queue.LockedUntilMs = Now() + LockMs;
        return MessageCodec.FromUnixMs(queue.LockedUntilMs);
    }

    public byte[]? GetSessionState(string sessionId)
    {
        var queue = QueueFor(sessionId);
        if (!queue.StateLoaded)
        {
            _reader ??= _store.CreateReader();
            queue.State = _reader.ReadSessionState(Storage, sessionId);
            queue.StateLoaded = true;
        }

        return queue.State;
    }

    public void SetSessionState(string sessionId, byte[]? state, Action<Exception?> done)
    {
        var queue = QueueFor(sessionId);
        queue.State = state;
        queue.StateLoaded = true;
        _store.Enqueue(new ActionOp(w => w.SetSessionState(Storage, sessionId, state), done));
    }

    private void LockSession(SessionQueue queue, ConsumerLink consumer)
    {
        queue.Holder = consumer;
        queue.LockedUntilMs = Now() + LockMs;
        consumer.Session = queue;
        var attach = consumer.PendingAttach!;
        if (attach.Source is Source source)
        {
            source.FilterSet ??= new Map();
            source.FilterSet[SessionFilterKey] = consumer.SessionFilterDescriptor is { } descriptor
                ? new DescribedValue(descriptor, queue.Id)
                : queue.Id;
        }

        attach.Properties ??= new Fields();
        attach.Properties[LockedUntilUtcKey] = UnixEpochTicks + (queue.LockedUntilMs * 10_000);
        consumer.Attached = true;
        consumer.CompleteAttach(attach, null);
        Feed(consumer, queue);
    }

    private void AssignWaitingReceivers()
    {
        while (_sessionWaiters.Count > 0)
        {
            SessionQueue? best = null;
            long bestSeq = long.MaxValue;
            foreach (var queue in _sessions.Values)
            {
                if (queue.Holder is null && queue.PeekNext() is { } next && next.Seq < bestSeq)
                {
                    best = queue;
                    bestSeq = next.Seq;
                }
            }

            if (best is null)
            {
                return;
            }

            var waiter = _sessionWaiters[0];
            _sessionWaiters.RemoveAt(0);
            LockSession(best, waiter);
        }
    }

    private void TickSessions(long now)
    {
        List<SessionQueue>? lost = null;
        List<string>? idle = null;
        foreach (var (key, queue) in _sessions)
        {
            if (queue.Holder is not null && queue.LockedUntilMs <= now)
            {
                (lost ??= []).Add(queue);
            }
            else if (queue.IsIdle)
            {
                (idle ??= []).Add(key);
            }
        }

        foreach (var queue in lost ?? [])
        {
            var holder = queue.Holder!;
            queue.Holder = null;
            holder.Closed = true;
            foreach (var record in holder.Unsettled.ToArray())
            {
                ReleaseLock(record, failedDelivery: true);
            }

            CloseLink(holder, new Error(SessionLockLost) { Description = $"The lock on session '{queue.Id}' expired." });
        }

        foreach (var key in idle ?? [])
        {
            _sessions.Remove(key);
        }

        for (var i = _sessionWaiters.Count - 1; i >= 0; i--)
        {
            var waiter = _sessionWaiters[i];
            if (waiter.WaitDeadlineMs <= now)
            {
                _sessionWaiters.RemoveAt(i);
                waiter.Closed = true;
                waiter.CompleteAttach(waiter.PendingAttach!, new Error(TimeoutCondition)
                {
                    Description = "No session with available messages was found in time.",
                });
            }
        }

        if (lost is not null)
        {
            AssignWaitingReceivers();
        }
    }

    private static void CloseLink(ConsumerLink consumer, Error error)
    {
        try
        {
            consumer.Link.Close(TimeSpan.Zero, error);
        }
        catch (Amqp.AmqpException)
        {
            // Already closing.
        }
    }
}
