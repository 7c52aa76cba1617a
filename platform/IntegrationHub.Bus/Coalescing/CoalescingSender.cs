namespace IntegrationHub.Bus.Coalescing;

/// <summary>
/// Turns concurrent single sends into batch transfers: while one transfer is with the broker, the sends that arrive
/// wait and then leave together as one atomic batch. A lone send leaves at once on the caller's thread, so nothing
/// waits for a timer and a quiet sender behaves exactly like the inner one. Each caller still completes only when
/// the broker accepted its own message, so "ACK only after the broker has it" holds message by message.
/// </summary>
/// <remarks>
/// Why: an MLLP server handles many connections at once and publishes one message per connection. One transfer per
/// message costs a frame, a disposition and a broker dispatch each; a batch pays them once. Order is kept: messages
/// leave in the order their <see cref="SendAsync"/> calls were made. A batch the broker refuses for a reason that
/// belongs to one message (size, a rule of the entity) is retried message by message so one bad message cannot fail
/// its neighbours; a transient failure (link lost, time-out) fails every caller of that batch, as it would have failed
/// each of their own sends.
/// </remarks>
public sealed class CoalescingSender : IBusSender
{
    private readonly IBusSender _inner;
    private readonly CoalescingSenderOptions _options;
    private readonly Lock _gate = new();
    private readonly Queue<PendingSend> _queue = new();
    private Task _flushing = Task.CompletedTask;
    private bool _flushRunning;

    public CoalescingSender(IBusSender inner, CoalescingSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _options = options ?? new CoalescingSenderOptions();
        _options.Validate();
    }

    public string EntityPath => _inner.EntityPath;

    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        if (Estimate(message) > _options.MaxBytes / 2)
        {
            return _inner.SendAsync(message, cancellationToken);
        }

        // The trace context is the caller's: the batch is encoded later, on whichever thread sends it.
        BusTelemetry.Capture(message);
        var pending = new PendingSend(message, cancellationToken);
        bool startFlush;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            startFlush = !_flushRunning;
            _flushRunning = true;
        }

        if (startFlush)
        {
            // Runs on this thread up to the first transfer: a lone send is not handed to another thread.
            Volatile.Write(ref _flushing, FlushAsync());
        }

        return pending.Completion.Task;
    }

    public Task SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        _inner.SendBatchAsync(messages, cancellationToken);

    public Task<int> SendInBatchesAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        _inner.SendInBatchesAsync(messages, cancellationToken);

    public Task<IReadOnlyList<long>> ScheduleAsync(IReadOnlyList<OutgoingMessage> messages, DateTimeOffset enqueueTime, CancellationToken cancellationToken = default) =>
        _inner.ScheduleAsync(messages, enqueueTime, cancellationToken);

    public Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken = default) =>
        _inner.CancelScheduledAsync(sequenceNumber, cancellationToken);

    /// <summary>Waits for the sends already queued, then closes the inner sender.</summary>
    public async ValueTask DisposeAsync()
    {
        await Volatile.Read(ref _flushing).ConfigureAwait(false);
        await _inner.DisposeAsync().ConfigureAwait(false);
    }

    private int Estimate(OutgoingMessage message) => message.Body.Length + _options.PerMessageAllowance;

    private async Task FlushAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            await SendBatchOfCallersAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>The next batch in arrival order, skipping callers that gave up; empty (and the flush over) when none wait.</summary>
    private List<PendingSend> TakeBatch()
    {
        var batch = new List<PendingSend>();
        var bytes = 0;
        lock (_gate)
        {
            while (_queue.TryPeek(out var next) && batch.Count < _options.MaxMessages)
            {
                var size = Estimate(next.Message);
                if (batch.Count > 0 && bytes + size > _options.MaxBytes)
                {
                    break;
                }

                _queue.Dequeue();
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Completion.TrySetCanceled(next.Cancellation);
                    continue;
                }

                batch.Add(next);
                bytes += size;
            }

            if (batch.Count == 0)
            {
                _flushRunning = false;
            }
        }

        return batch;
    }

    private async Task SendBatchOfCallersAsync(List<PendingSend> batch)
    {
        try
        {
            // Not cancellable by any one caller: the transfer belongs to all of them. The inner sender's operation
            // time-out bounds it.
            if (batch.Count == 1)
            {
                await _inner.SendAsync(batch[0].Message, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _inner.SendBatchAsync(batch.ConvertAll(p => p.Message), CancellationToken.None).ConfigureAwait(false);
            }

            batch.ForEach(p => p.Completion.TrySetResult());
        }
        catch (BusException ex) when (batch.Count > 1 && !ex.IsTransient)
        {
            // Refused for something one message may have caused: each message gets its own answer.
            foreach (var pending in batch)
            {
                await SendAloneAsync(pending).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            batch.ForEach(p => p.Completion.TrySetException(ex));
        }
    }

    private async Task SendAloneAsync(PendingSend pending)
    {
        try
        {
            await _inner.SendAsync(pending.Message, CancellationToken.None).ConfigureAwait(false);
            pending.Completion.TrySetResult();
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(ex);
        }
    }

    private sealed class PendingSend(OutgoingMessage message, CancellationToken cancellation)
    {
        public OutgoingMessage Message => message;

        public CancellationToken Cancellation => cancellation;

        // Callers resume on the pool, never inside the flush loop, so one slow caller cannot delay the next batch.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
