using IntegrationHub.Bus.Processing;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Bus.Tests.Unit;

public sealed class BusProcessorTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeBusClient _bus = new();

    private BusProcessor Create(BusMessageHandler handler, Action<TimeSpan, int>? onBackoff = null, bool renew = false) =>
        new(_bus, new BusProcessorOptions { EntityPath = "q", BackoffScheduled = onBackoff, AutoRenewLocks = renew },
            handler, timeProvider: _time, jitterSource: () => 0.5);

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private static BusMessageHandler FailOn(params string[] ids) =>
        (m, _) => Task.FromResult(!ids.Contains(m.MessageId));

    [Fact]
    public async Task Successful_batch_is_completed_in_order()
    {
        var handled = new List<string>();
        _bus.Enqueue(FakeBusClient.Message("a"), FakeBusClient.Message("b"), FakeBusClient.Message("c"));
        var processor = Create((m, _) =>
        {
            handled.Add(m.MessageId!);
            return Task.FromResult(true);
        });

        var result = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ProcessorIteration.Processed, result);
        Assert.Equal(["a", "b", "c"], handled);
        Assert.Equal(["complete a", "complete b", "complete c"], _bus.Log);
        Assert.Equal(0, processor.ConsecutiveFailures);
        Assert.Null(processor.NextRetryAt);
    }

    [Fact]
    public async Task Failure_abandons_that_message_releases_the_rest_and_schedules_5_seconds()
    {
        _bus.Enqueue(FakeBusClient.Message("a"), FakeBusClient.Message("b"), FakeBusClient.Message("c"));
        var handled = new List<string>();
        var processor = Create((m, _) =>
        {
            handled.Add(m.MessageId!);
            return Task.FromResult(m.MessageId != "b");
        });

        var result = await processor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ProcessorIteration.Failed, result);
        Assert.Equal(["a", "b"], handled); // c is not handled after b failed
        Assert.Equal(["complete a", "abandon b", "release c"], _bus.Log);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), processor.NextRetryAt);
        Assert.Equal(1, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Handler_exception_counts_as_failure()
    {
        _bus.Enqueue(FakeBusClient.Message("a"), FakeBusClient.Message("b"));
        var processor = Create((_, _) => throw new InvalidOperationException("boom"));

        Assert.Equal(ProcessorIteration.Failed, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(["abandon a", "release b"], _bus.Log);
    }

    [Fact]
    public async Task Consecutive_failures_double_the_wait_and_success_resets_it()
    {
        var delays = new List<double>();
        var processor = Create(FailOn("x"), (delay, _) => delays.Add(delay.TotalSeconds));
        for (var i = 0; i < 4; i++)
        {
            _bus.Enqueue(FakeBusClient.Message("x"));
        }

        _bus.Enqueue(FakeBusClient.Message("ok"));
        _bus.Enqueue(FakeBusClient.Message("x"));

        for (var failures = 0; failures < 6;)
        {
            var pending = processor.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(60));
            var result = await pending;
            if (result is ProcessorIteration.Failed or ProcessorIteration.Processed)
            {
                failures++;
            }
        }

        // 4 failures: 5, 10, 20, 40; the success resets; the next failure waits 5 again.
        Assert.Equal([5, 10, 20, 40, 5], delays);
        Assert.Equal(1, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Long_backoff_is_served_in_slices()
    {
        var processor = new BusProcessor(_bus, new BusProcessorOptions { EntityPath = "q", InitialBackoff = TimeSpan.FromSeconds(150), AutoRenewLocks = false },
            FailOn("x"), timeProvider: _time, jitterSource: () => 0.5);
        _bus.Enqueue(FakeBusClient.Message("x"));
        Assert.Equal(ProcessorIteration.Failed, await processor.RunOnceAsync(CancellationToken.None));

        var iterations = new List<ProcessorIteration>();
        for (var i = 0; i < 3; i++)
        {
            var pending = processor.RunOnceAsync(CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(60));
            iterations.Add(await pending);
        }

        // 150 s = 60 + 60 + 30: two slices report BackingOff, the third receives (nothing queued).
        Assert.Equal([ProcessorIteration.BackingOff, ProcessorIteration.BackingOff, ProcessorIteration.NoMessages], iterations);
        Assert.Equal(2, _bus.ReceiversOpened);
    }

    [Fact]
    public async Task Cancellation_during_backoff_is_prompt()
    {
        var processor = Create(FailOn("x"));
        _bus.Enqueue(FakeBusClient.Message("x"));
        await processor.RunOnceAsync(CancellationToken.None);

        using var cts = new CancellationTokenSource();
        var pending = processor.RunAsync(cts.Token);
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();
        await pending.WaitAsync(TimeSpan.FromSeconds(5)); // returns without any fake time passing
    }

    [Fact]
    public async Task Session_held_elsewhere_waits_60_seconds_without_backoff()
    {
        _bus.CreateError = new BusException(BusFailureReason.SessionCannotBeLocked, "held");
        var processor = Create(FailOn());

        var pending = processor.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ProcessorIteration.SessionUnavailable, await pending);
        Assert.Equal(0, processor.ConsecutiveFailures);
        Assert.Null(processor.NextRetryAt);
    }

    [Fact]
    public async Task No_session_available_is_not_a_failure()
    {
        _bus.CreateError = new BusException(BusFailureReason.Timeout, "none", "com.microsoft:timeout");
        var processor = new BusProcessor(_bus, new BusProcessorOptions { EntityPath = "q", SessionMode = SessionMode.NextAvailable },
            FailOn(), timeProvider: _time);

        Assert.Equal(ProcessorIteration.NoMessages, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Receive_errors_back_off()
    {
        _bus.CreateError = new BusException(BusFailureReason.CommunicationError, "down");
        var processor = Create(FailOn());

        Assert.Equal(ProcessorIteration.Failed, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Unexpected_errors_outside_the_handler_back_off_instead_of_ending_the_loop()
    {
        _bus.CreateError = new InvalidOperationException("surprise");
        var processor = Create(FailOn());

        Assert.Equal(ProcessorIteration.Failed, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Lost_lock_on_complete_is_a_failure_that_message_is_not_abandoned_and_the_rest_are_released()
    {
        _bus.Receivers.Enqueue(() => new FakeReceiver(_bus, [FakeBusClient.Message("a"), FakeBusClient.Message("b"), FakeBusClient.Message("c")])
        {
            LockLostOnComplete = ["b"],
        });
        var processor = Create(FailOn());

        Assert.Equal(ProcessorIteration.Failed, await processor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(["complete a", "release c"], _bus.Log);
    }

    [Fact]
    public async Task Receiver_is_closed_after_each_batch()
    {
        FakeReceiver? receiver = null;
        _bus.Receivers.Enqueue(() => receiver = new FakeReceiver(_bus, [FakeBusClient.Message("a")]));
        await Create(FailOn()).RunOnceAsync(CancellationToken.None);
        Assert.True(receiver!.Disposed);
    }

    [Fact]
    public async Task Session_lock_is_renewed_while_a_slow_message_is_handled()
    {
        FakeReceiver? receiver = null;
        _bus.Receivers.Enqueue(() => receiver = new FakeReceiver(_bus, [FakeBusClient.Message("slow")])
        {
            SessionId = "s",
            SessionLockedUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(30),
            Time = _time,
        });
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = Create((_, _) => release.Task, renew: true);

        var pending = processor.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 500 && (receiver?.SessionRenewals ?? 0) < 2; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        release.SetResult(true);
        Assert.Equal(ProcessorIteration.Processed, await pending);
        Assert.True(receiver!.SessionRenewals >= 2);
    }

    [Fact]
    public async Task Message_locks_are_renewed_for_plain_receivers_and_stop_after_settlement()
    {
        FakeReceiver? receiver = null;
        var lockedUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        _bus.Receivers.Enqueue(() => receiver = new FakeReceiver(_bus, [FakeBusClient.Message("slow", lockedUntil)]) { Time = _time });
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = Create((_, _) => release.Task, renew: true);

        var pending = processor.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 500 && (receiver?.MessageRenewals ?? 0) < 1; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        release.SetResult(true);
        Assert.Equal(ProcessorIteration.Processed, await pending);
        Assert.True(receiver!.MessageRenewals >= 1);
    }

    [Theory]
    [InlineData(10, 5)]    // half-way for short locks…
    [InlineData(20, 10)]
    [InlineData(30, 20)]   // …but no earlier than 10 s before expiry for long ones
    [InlineData(60, 50)]
    [InlineData(300, 290)]
    public void Renewal_is_due_half_way_or_10_seconds_ahead(int remainingSeconds, int dueSeconds)
    {
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(TimeSpan.FromSeconds(dueSeconds), LockRenewer.DueIn(now, now.AddSeconds(remainingSeconds)));
    }
}
