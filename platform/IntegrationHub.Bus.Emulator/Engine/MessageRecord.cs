namespace IntegrationHub.Bus.Emulator.Engine;

internal enum RecordState : byte
{
    Available,
    Locked,
    Scheduled,
    Deleted,
}

/// <summary>
/// The broker's in-memory index entry for one stored message. Kept small on purpose (a backlog of a million
/// messages holds a million of these): the encoded message lives in SQLite and is only cached here while the
/// memory budget allows; the message id is not kept (the stored row and the encoded message hold it; inserts
/// carry it beside the record); lock and schedule state is allocated only for messages that are delivered or scheduled.
/// </summary>
internal sealed class MessageRecord
{
    public long Seq;
    public string? SessionId;
    public long EnqueuedMs;
    public long ExpiresMs;
    public int DeliveryCount;
    public RecordState State;
    public bool DeadLetter;
    public bool IsDuplicate;

    /// <summary>The encoded message as stored, or null when evicted from the cache.</summary>
    public byte[]? Body;

    private RareState? _rare;

    /// <summary>When a scheduled message becomes visible (Unix ms); 0 for the usual unscheduled message.</summary>
    public long ScheduledMs
    {
        get => _rare?.ScheduledMs ?? 0;
        set
        {
            if (value != 0 || _rare is not null)
            {
                Rare().ScheduledMs = value;
            }
        }
    }

    // Lock state lives only in memory: a restart releases every lock.
    public Guid LockToken
    {
        get => _rare?.LockToken ?? Guid.Empty;
        set => Rare().LockToken = value;
    }

    public long LockedUntilMs
    {
        get => _rare?.LockedUntilMs ?? 0;
        set => Rare().LockedUntilMs = value;
    }

    public ConsumerLink? Holder
    {
        get => _rare?.Holder;
        set => Rare().Holder = value;
    }

    private RareState Rare() => _rare ??= new RareState();

    /// <summary>What a stored message needs only once it is delivered (lock) or if it was scheduled.</summary>
    private sealed class RareState
    {
        public long ScheduledMs;
        public Guid LockToken;
        public long LockedUntilMs;
        public ConsumerLink? Holder;
    }
}
