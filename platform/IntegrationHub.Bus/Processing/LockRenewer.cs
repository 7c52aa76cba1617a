using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Processing;

/// <summary>
/// Keeps the locks of a batch alive while it is processed: the session lock for session receivers, each
/// unsettled message's lock otherwise. Renews half-way to expiry (at most 10 s ahead), stops after the limit.
/// </summary>
internal sealed class LockRenewer : IAsyncDisposable
{
    private static readonly TimeSpan MaxLead = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MinDue = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan UnknownExpiryPoll = TimeSpan.FromSeconds(5);

    private readonly IBusReceiver _receiver;
    private readonly bool _session;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<ReceivedMessage> _pending;
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _deadline;
    private readonly Task _loop;

    public LockRenewer(IBusReceiver receiver, IEnumerable<ReceivedMessage> batch, TimeProvider time, TimeSpan maxDuration, ILogger logger)
    {
        _receiver = receiver;
        _session = receiver.SessionId is not null;
        _time = time;
        _logger = logger;
        _pending = [.. batch];
        _deadline = time.GetUtcNow() + maxDuration;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The message was settled; stop renewing it.</summary>
    public void Settled(ReceivedMessage message)
    {
        lock (_pending)
        {
            _pending.Remove(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    /// <summary>When to renew a lock expiring at <paramref name="expiry"/>: half-way there, but never later than 10 s before.</summary>
    internal static TimeSpan DueIn(DateTimeOffset now, DateTimeOffset expiry)
    {
        var remaining = expiry - now;
        var lead = remaining / 2 < MaxLead ? remaining / 2 : MaxLead;
        var due = remaining - lead;
        return due < MinDue ? MinDue : due;
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                var expiry = NextExpiry();
                if (expiry is null && !_session)
                {
                    return; // everything settled
                }

                var due = expiry is { } e && e > DateTimeOffset.MinValue ? DueIn(now, e) : UnknownExpiryPoll;
                if (now + due > _deadline)
                {
                    return;
                }

                await Task.Delay(due, _time, token);
                if (!await RenewAsync(token))
                {
                    // Do not hammer the broker while the lock cannot be renewed.
                    await Task.Delay(UnknownExpiryPoll, _time, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Batch finished.
        }
    }

    private DateTimeOffset? NextExpiry()
    {
        if (_session)
        {
            return _receiver.SessionLockedUntil ?? DateTimeOffset.MinValue;
        }

        lock (_pending)
        {
            DateTimeOffset? soonest = null;
            foreach (var message in _pending)
            {
                if (soonest is null || message.LockedUntil < soonest)
                {
                    soonest = message.LockedUntil;
                }
            }

            return soonest;
        }
    }

    private async Task<bool> RenewAsync(CancellationToken token)
    {
        try
        {
            if (_session)
            {
                await _receiver.RenewSessionLockAsync(token);
                return true;
            }

            ReceivedMessage[] pending;
            lock (_pending)
            {
                pending = [.. _pending];
            }

            foreach (var message in pending)
            {
                await _receiver.RenewLockAsync(message, token);
            }

            return true;
        }
        catch (BusException ex)
        {
            // Processing goes on; settlement will report the lost lock if renewal really failed.
            Log.RenewFailed(_logger, ex, _receiver.EntityPath);
            return false;
        }
    }
}
