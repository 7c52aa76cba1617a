namespace IntegrationHub.Bus.Processing;

/// <summary>Handles one message; true = done (the processor completes it), false or an exception = retry later.</summary>
public delegate Task<bool> BusMessageHandler(ReceivedMessage message, CancellationToken cancellationToken);

/// <summary>What one iteration of the processor loop did.</summary>
public enum ProcessorIteration
{
    /// <summary>A back-off was pending; a slice of it was waited.</summary>
    BackingOff,
    /// <summary>Nothing arrived within the receive wait (or no session was available).</summary>
    NoMessages,
    /// <summary>A batch was handled and completed; back-off was reset.</summary>
    Processed,
    /// <summary>Handling, settling or receiving failed; the rest of the batch was abandoned and back-off scheduled.</summary>
    Failed,
    /// <summary>The session is held by another receiver; waited <see cref="BusProcessorOptions.SessionUnavailableDelay"/>.</summary>
    SessionUnavailable,
}

/// <summary>Settings of <see cref="BusProcessor"/>; defaults are the reference system's constants (spec §10.3).</summary>
public sealed class BusProcessorOptions
{
    public required string EntityPath { get; init; }

    public SessionMode SessionMode { get; init; }

    public string? SessionId { get; init; }

    /// <summary>Messages per receive; keep it small enough to finish within the lock duration.</summary>
    public int MaxBatchSize { get; init; } = 10;

    /// <summary>How long one receive waits for the first message.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan InitialBackoff { get; init; } = Backoff.DefaultInitialDelay;

    public TimeSpan MaxBackoff { get; init; } = Backoff.DefaultMaxDelay;

    /// <summary>Each back-off is spread over ±this fraction of itself.</summary>
    public double JitterRatio { get; init; } = 0.1;

    /// <summary>Back-off waits are served in slices of at most this length, one per iteration.</summary>
    public TimeSpan WaitSlice { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause when the session is locked by another consumer (no back-off change).</summary>
    public TimeSpan SessionUnavailableDelay { get; init; } = TimeSpan.FromSeconds(60);

    public bool AutoRenewLocks { get; init; } = true;

    /// <summary>See <see cref="ReceiverOptions.ConfirmSettlement"/>: completions are confirmed by the broker.</summary>
    public bool ConfirmSettlement { get; init; }

    /// <summary>Locks are renewed while a batch is processed, for at most this long.</summary>
    public TimeSpan MaxLockRenewalDuration { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Called when a back-off is scheduled (delay, retry attempt) — e.g. for the <c>retry_delay_seconds</c> gauge.</summary>
    public Action<TimeSpan, int>? BackoffScheduled { get; init; }

    /// <summary>
    /// Session receivers: before a handled message is completed, its sequence number is written to the session state;
    /// a message that comes back with that number (handled, but its completion was lost to a crash or a lost lock) is
    /// completed without running the handler again. The mark lives in the broker, so it holds wherever the session is
    /// taken next — another replica, a replaced container — at the cost of one broker operation per message and one
    /// per batch. Ignored without sessions.
    /// </summary>
    public bool MarkHandledInSessionState { get; init; }

    /// <summary>Called for a message skipped because the session state marks it handled, before it is completed.</summary>
    public Action<ReceivedMessage>? AlreadyHandled { get; init; }

    internal ReceiverOptions ToReceiverOptions() => new()
    {
        EntityPath = EntityPath,
        SessionMode = SessionMode,
        SessionId = SessionId,
        SessionAcceptTimeout = MaxWait,
        ConfirmSettlement = ConfirmSettlement,
    };
}
