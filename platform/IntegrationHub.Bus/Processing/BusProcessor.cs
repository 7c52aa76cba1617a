using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Bus.Processing;

/// <summary>
/// The existing system's receive loop (spec §10.3, Appendix B): receive a batch in peek-lock, handle the messages
/// one at a time in order, complete each success; on the first failure abandon it and the rest of the batch and
/// back off (5 s doubling to 900 s, jittered); a fully successful batch resets the back-off. Locks are renewed
/// while a batch is processed. Waits honour cancellation at once.
/// </summary>
public sealed class BusProcessor
{
    private readonly IBusClient _client;
    private readonly BusProcessorOptions _options;
    private readonly BusMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<double> _jitter;

    public BusProcessor(IBusClient client, BusProcessorOptions options, BusMessageHandler handler,
        ILogger? logger = null, TimeProvider? timeProvider = null, Func<double>? jitterSource = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _client = client;
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _jitter = jitterSource ?? Random.Shared.NextDouble;
    }

    /// <summary>Consecutive failed iterations since the last successful batch (the back-off attempt).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the next receive may happen, while backing off.</summary>
    public DateTimeOffset? NextRetryAt { get; private set; }

    /// <summary>Loops until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One iteration of the loop; exposed so tests can step it.</summary>
    public async Task<ProcessorIteration> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (NextRetryAt is { } retryAt)
        {
            var remaining = retryAt - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining < _options.WaitSlice ? remaining : _options.WaitSlice, _time, cancellationToken);
                if (_time.GetUtcNow() < retryAt)
                {
                    return ProcessorIteration.BackingOff;
                }
            }

            NextRetryAt = null;
        }

        IBusReceiver receiver;
        try
        {
            receiver = await _client.CreateReceiverAsync(_options.ToReceiverOptions(), cancellationToken);
        }
        catch (BusException ex) when (ex.Reason == BusFailureReason.SessionCannotBeLocked)
        {
            Log.SessionBusy(_logger, _options.EntityPath, _options.SessionId, _options.SessionUnavailableDelay.TotalSeconds);
            await Task.Delay(_options.SessionUnavailableDelay, _time, cancellationToken);
            return ProcessorIteration.SessionUnavailable;
        }
        catch (BusException ex) when (ex.Condition == "com.microsoft:timeout" && _options.SessionMode == SessionMode.NextAvailable)
        {
            return ProcessorIteration.NoMessages; // no session had messages within the wait
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else outside message handling backs off too (spec §10.3), so the loop never dies on it.
            var delay = ScheduleBackoff();
            Log.ReceiveFailed(_logger, ex, _options.EntityPath, (ex as BusException)?.Reason ?? BusFailureReason.General, delay.TotalSeconds, ConsecutiveFailures);
            return ProcessorIteration.Failed;
        }

        await using (receiver)
        {
            return await ProcessBatchAsync(receiver, cancellationToken);
        }
    }

    private bool MarksHandled => _options.MarkHandledInSessionState && _options.SessionMode != SessionMode.None;

    private async Task<ProcessorIteration> ProcessBatchAsync(IBusReceiver receiver, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReceivedMessage> batch;
        try
        {
            batch = await receiver.ReceiveAsync(_options.MaxBatchSize, _options.MaxWait, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else outside message handling backs off too (spec §10.3), so the loop never dies on it.
            var delay = ScheduleBackoff();
            Log.ReceiveFailed(_logger, ex, _options.EntityPath, (ex as BusException)?.Reason ?? BusFailureReason.General, delay.TotalSeconds, ConsecutiveFailures);
            return ProcessorIteration.Failed;
        }

        if (batch.Count == 0)
        {
            return ProcessorIteration.NoMessages;
        }

        long? handledMark = null;
        if (MarksHandled)
        {
            try
            {
                handledMark = HandledMark.Decode(await receiver.GetSessionStateAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Without the mark a message handled before a crash could be handled again: hand the batch back
                // untouched (released, so no delivery is counted) and try later.
                var delay = ScheduleBackoff();
                Log.ReceiveFailed(_logger, ex, _options.EntityPath, (ex as BusException)?.Reason ?? BusFailureReason.General, delay.TotalSeconds, ConsecutiveFailures);
                await ReleaseFromAsync(receiver, batch, 0);
                return ProcessorIteration.Failed;
            }
        }

        var renewer = _options.AutoRenewLocks
            ? new LockRenewer(receiver, batch, _time, _options.MaxLockRenewalDuration, _logger)
            : null;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                var failure = await HandleOneAsync(receiver, message, handledMark, cancellationToken);
                if (failure.Failed)
                {
                    renewer?.Settled(message);
                    var delay = ScheduleBackoff();
                    Log.HandlerFailed(_logger, failure.Error, _options.EntityPath, message.MessageId, message.SequenceNumber,
                        message.DeliveryCount, batch.Count - i - 1, delay.TotalSeconds, ConsecutiveFailures);
                    await SettleFailedBatchAsync(receiver, batch, i, failure.Settled);
                    return ProcessorIteration.Failed;
                }

                renewer?.Settled(message);
            }
        }
        finally
        {
            // Stop renewing before the receiver closes, so no renewal races a closed link.
            if (renewer is not null)
            {
                await renewer.DisposeAsync();
            }
        }

        ResetBackoff();
        Log.BatchSucceeded(_logger, _options.EntityPath, batch.Count);
        return ProcessorIteration.Processed;
    }

    private async Task<HandleResult> HandleOneAsync(IBusReceiver receiver, ReceivedMessage message, long? handledMark, CancellationToken cancellationToken)
    {
        bool handled;
        using var activity = BusTelemetry.StartProcessing(_options.EntityPath, message);
        if (handledMark == message.SequenceNumber)
        {
            Log.AlreadyHandled(_logger, _options.EntityPath, message.MessageId, message.SequenceNumber, message.DeliveryCount);
            _options.AlreadyHandled?.Invoke(message);
            return await CompleteAsync(receiver, message, cancellationToken);
        }

        try
        {
            handled = await _handler(message, cancellationToken);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            return new HandleResult(true, false, ex);
        }

        if (!handled)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "handler returned false");
            return new HandleResult(true, false, null);
        }

        if (MarksHandled)
        {
            try
            {
                // Not cancellable: the handler's work is done, and the mark is what keeps it from being done twice.
                await receiver.SetSessionStateAsync(HandledMark.Encode(message.SequenceNumber), CancellationToken.None);
            }
            catch (BusException ex)
            {
                // Completing may still succeed, which is all the mark guards; if it does not, the message comes back.
                Log.MarkFailed(_logger, ex, _options.EntityPath, message.MessageId, message.SequenceNumber);
            }
        }

        return await CompleteAsync(receiver, message, cancellationToken);
    }

    private static async Task<HandleResult> CompleteAsync(IBusReceiver receiver, ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await receiver.CompleteAsync(message, cancellationToken);
            return new HandleResult(false, true, null);
        }
        catch (BusException ex)
        {
            // The lock is gone: the broker will redeliver it; treat it like a failed attempt (and do not try to abandon it).
            return new HandleResult(true, true, ex);
        }
    }

    /// <summary>
    /// The failed message is abandoned (its delivery count grows, so a poison message ends in the dead-letter queue);
    /// the messages behind it are released, which unlocks them without counting a delivery — they did nothing
    /// wrong and must not be dead-lettered with it. Both become available again in order.
    /// </summary>
    private async Task SettleFailedBatchAsync(IBusReceiver receiver, IReadOnlyList<ReceivedMessage> batch, int failed, bool failedIsSettled)
    {
        if (!failedIsSettled)
        {
            await SettleLoggingFailureAsync(() => receiver.AbandonAsync(batch[failed], null, CancellationToken.None));
        }

        await ReleaseFromAsync(receiver, batch, failed + 1);
    }

    /// <summary>
    /// Unlocks the batch's messages from <paramref name="first"/> on without counting a delivery. Not cancellable on
    /// purpose: leaving messages locked only delays their redelivery.
    /// </summary>
    private async Task ReleaseFromAsync(IBusReceiver receiver, IReadOnlyList<ReceivedMessage> batch, int first)
    {
        for (var i = first; i < batch.Count; i++)
        {
            var message = batch[i];
            await SettleLoggingFailureAsync(() => receiver.ReleaseAsync(message, CancellationToken.None));
        }
    }

    // Takes the call, not its task: a settlement may throw before it returns one.
    private async Task SettleLoggingFailureAsync(Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (BusException ex)
        {
            Log.SettleFailed(_logger, ex, _options.EntityPath);
        }
    }

    private TimeSpan ScheduleBackoff()
    {
        var baseDelay = Backoff.BaseDelay(ConsecutiveFailures, _options.InitialBackoff, _options.MaxBackoff);
        var delay = Backoff.Jittered(baseDelay, _options.JitterRatio, _jitter());
        NextRetryAt = _time.GetUtcNow() + delay;
        _options.BackoffScheduled?.Invoke(delay, ConsecutiveFailures);
        ConsecutiveFailures++;
        return delay;
    }

    private void ResetBackoff()
    {
        ConsecutiveFailures = 0;
        NextRetryAt = null;
    }

    private readonly record struct HandleResult(bool Failed, bool Settled, Exception? Error);
}
