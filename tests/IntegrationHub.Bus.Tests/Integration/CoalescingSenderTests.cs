using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Bus.Coalescing;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>The coalescing sender against the embedded broker: batching, order, per-message outcomes.</summary>
public sealed class CoalescingSenderTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Concurrent_sends_share_transfers_and_arrive_in_call_order()
    {
        var counting = new CountingSender(_client.CreateSender("coalesce"));
        await using var sender = new CoalescingSender(counting);

        var sends = Enumerable.Range(0, 300).Select(i => sender.SendAsync(Numbered(i))).ToList();
        await Task.WhenAll(sends);

        var received = await ReceiveAllAsync("coalesce", 300);
        Assert.Equal(Enumerable.Range(0, 300), received.Select(m => int.Parse(m.BodyAsString(), CultureInfo.InvariantCulture)));
        Assert.True(counting.BatchCalls > 0, "no batch transfer was used");
        Assert.True(counting.Transfers < 300 / 4, $"{counting.Transfers} transfers for 300 messages");
        Assert.Equal(300, counting.MessagesSent);
    }

    [Fact]
    public async Task A_lone_send_goes_at_once_as_a_single_message()
    {
        var counting = new CountingSender(_client.CreateSender("coalesce-lone"));
        await using var sender = new CoalescingSender(counting);

        await sender.SendAsync(Numbered(1));
        await sender.SendAsync(Numbered(2));

        Assert.Equal(2, counting.SingleCalls);
        Assert.Equal(0, counting.BatchCalls);
        Assert.Equal(["1", "2"], (await ReceiveAllAsync("coalesce-lone", 2)).Select(m => m.BodyAsString()));
    }

    [Fact]
    public async Task A_message_the_entity_refuses_fails_alone_and_its_batch_neighbours_are_accepted()
    {
        var gated = new CountingSender(_client.CreateSender("s-coalesce")) { Gate = new TaskCompletionSource() };
        await using var sender = new CoalescingSender(gated);

        // The first send holds the link; the next ten queue behind it and leave as one batch, one of them with no
        // session id, which a session queue refuses.
        var first = sender.SendAsync(Numbered(0, "s1"));
        var rest = Enumerable.Range(1, 10).Select(i => sender.SendAsync(Numbered(i, i == 5 ? null : "s1"))).ToList();
        gated.Gate.SetResult();
        await first;

        var refused = await Assert.ThrowsAsync<BusException>(() => rest[4]);
        Assert.False(refused.IsTransient);
        await Task.WhenAll(rest.Where((_, i) => i != 4));
        Assert.Equal(1, gated.BatchCalls);

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-coalesce", "s1"));
        var received = new List<string>();
        while (received.Count < 10 && await receiver.ReceiveAsync(20, Wait) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                received.Add(message.BodyAsString());
                await receiver.CompleteAsync(message);
            }
        }

        Assert.Equal(["0", "1", "2", "3", "4", "6", "7", "8", "9", "10"], received);
    }

    [Fact]
    public async Task A_send_cancelled_while_queued_never_reaches_the_broker()
    {
        var gated = new CountingSender(_client.CreateSender("coalesce-cancel")) { Gate = new TaskCompletionSource() };
        await using var sender = new CoalescingSender(gated);
        using var cancel = new CancellationTokenSource();

        var first = sender.SendAsync(Numbered(1));
        var cancelled = sender.SendAsync(Numbered(2), cancel.Token);
        var kept = sender.SendAsync(Numbered(3));
        await cancel.CancelAsync();
        gated.Gate.SetResult();

        await first;
        await kept;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["1", "3"], (await ReceiveAllAsync("coalesce-cancel", 2)).Select(m => m.BodyAsString()));
    }

    [Fact]
    public async Task Each_message_carries_the_trace_context_of_its_own_caller()
    {
        var gated = new CountingSender(_client.CreateSender("coalesce-trace")) { Gate = new TaskCompletionSource() };
        await using var sender = new CoalescingSender(gated);
        var expected = new List<string>();
        var sends = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            using var activity = new Activity("caller-" + i).SetIdFormat(ActivityIdFormat.W3C).Start();
            expected.Add(activity.Id!);
            sends.Add(sender.SendAsync(Numbered(i)));
        }

        gated.Gate.SetResult();
        await Task.WhenAll(sends);

        Assert.Equal(1, gated.BatchCalls);
        var received = await ReceiveAllAsync("coalesce-trace", 4);
        Assert.Equal(expected, received.Select(m => (string)m.ApplicationProperties[BusTelemetry.TraceParentProperty]!));
    }

    private static OutgoingMessage Numbered(int number, string? session = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(number.ToString(CultureInfo.InvariantCulture))) { SessionId = session };

    private async Task<List<ReceivedMessage>> ReceiveAllAsync(string queue, int count)
    {
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue(queue));
        var received = new List<ReceivedMessage>();
        while (received.Count < count && await receiver.ReceiveAsync(count - received.Count, Wait) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                received.Add(message);
                await receiver.CompleteAsync(message);
            }
        }

        return received;
    }

    /// <summary>Forwards to the real AMQP sender, counting transfers; an optional gate holds the first send back.</summary>
    private sealed class CountingSender(IBusSender inner) : IBusSender
    {
        private int _singleCalls;
        private int _batchCalls;
        private int _messagesSent;

        public TaskCompletionSource? Gate { get; init; }

        public int SingleCalls => Volatile.Read(ref _singleCalls);

        public int BatchCalls => Volatile.Read(ref _batchCalls);

        public int Transfers => SingleCalls + BatchCalls;

        public int MessagesSent => Volatile.Read(ref _messagesSent);

        public string EntityPath => inner.EntityPath;

        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _singleCalls);
            if (Gate is { } gate)
            {
                await gate.Task;
            }

            await inner.SendAsync(message, cancellationToken);
            Interlocked.Increment(ref _messagesSent);
        }

        public async Task SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _batchCalls);
            await inner.SendBatchAsync(messages, cancellationToken);
            Interlocked.Add(ref _messagesSent, messages.Count);
        }

        public Task<int> SendInBatchesAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
            inner.SendInBatchesAsync(messages, cancellationToken);

        public Task<IReadOnlyList<long>> ScheduleAsync(IReadOnlyList<OutgoingMessage> messages, DateTimeOffset enqueueTime, CancellationToken cancellationToken = default) =>
            inner.ScheduleAsync(messages, enqueueTime, cancellationToken);

        public Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken = default) =>
            inner.CancelScheduledAsync(sequenceNumber, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
