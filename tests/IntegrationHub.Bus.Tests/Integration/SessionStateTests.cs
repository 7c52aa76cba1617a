using System.Collections.Concurrent;
using IntegrationHub.Bus.Processing;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>Session state through the client, and the processor's handled mark kept in it, against the embedded broker.</summary>
public sealed class SessionStateTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Session_state_is_kept_by_the_broker_for_the_next_holder_until_cleared()
    {
        await using (var first = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-state", "A")))
        {
            Assert.Null(await first.GetSessionStateAsync());
            await first.SetSessionStateAsync([1, 2, 3]);
        }

        await using (var next = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-state", "A")))
        {
            Assert.Equal(new byte[] { 1, 2, 3 }, await next.GetSessionStateAsync());
            await next.SetSessionStateAsync(null);
            Assert.Null(await next.GetSessionStateAsync());
        }

        await using var other = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-state", "B"));
        Assert.Null(await other.GetSessionStateAsync());
    }

    [Fact]
    public async Task Session_state_needs_a_session_receiver()
    {
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("send"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.GetSessionStateAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.SetSessionStateAsync([1]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_message_handled_before_its_completion_was_lost_is_not_handled_again_by_the_next_holder(bool marked)
    {
        var entity = marked ? "s-mark" : "s-nomark";
        await using (var sender = _client.CreateSender(entity))
        {
            await sender.SendAsync(new OutgoingMessage("one"u8.ToArray()) { MessageId = "M1", SessionId = "S" });
            await sender.SendAsync(new OutgoingMessage("two"u8.ToArray()) { MessageId = "M2", SessionId = "S" });
        }

        var handled = new ConcurrentQueue<string>();
        var skipped = new ConcurrentQueue<string>();
        BusProcessorOptions Options() => new()
        {
            EntityPath = entity,
            SessionMode = SessionMode.Named,
            SessionId = "S",
            MaxWait = TimeSpan.FromSeconds(1),
            MarkHandledInSessionState = marked,
            AlreadyHandled = m => skipped.Enqueue(m.MessageId!),
        };
        Task<bool> Handle(ReceivedMessage m, CancellationToken _)
        {
            handled.Enqueue(m.MessageId!);
            return Task.FromResult(true);
        }

        // The first holder dies after handling M1 (say, the destination acknowledged it) and before completing it.
        var dying = new BusProcessor(new Faulty(_client) { DieOnComplete = true }, Options(), Handle);
        await Assert.ThrowsAsync<IOException>(() => dying.RunOnceAsync(CancellationToken.None));

        // Whoever takes the session next — another replica, a replaced container — starts with nothing of its own.
        var next = new BusProcessor(_client, Options(), Handle);
        while (await next.RunOnceAsync(CancellationToken.None) != ProcessorIteration.NoMessages)
        {
        }

        Assert.Equal(marked ? ["M1", "M2"] : ["M1", "M1", "M2"], handled);
        Assert.Equal(marked ? ["M1"] : [], skipped);
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForSession(entity, "S"));
        Assert.Empty(await receiver.ReceiveAsync(5, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_batch_whose_mark_cannot_be_read_is_handed_back_untouched()
    {
        await using (var sender = _client.CreateSender("s-mark"))
        {
            await sender.SendAsync(new OutgoingMessage("one"u8.ToArray()) { MessageId = "U1", SessionId = "U" });
        }

        var handled = new ConcurrentQueue<(string Id, int Delivery)>();
        BusProcessorOptions Options() => new()
        {
            EntityPath = "s-mark",
            SessionMode = SessionMode.Named,
            SessionId = "U",
            MaxWait = TimeSpan.FromSeconds(1),
            InitialBackoff = TimeSpan.Zero,
            MarkHandledInSessionState = true,
        };
        Task<bool> Handle(ReceivedMessage m, CancellationToken _)
        {
            handled.Enqueue((m.MessageId!, m.DeliveryCount));
            return Task.FromResult(true);
        }

        var unreadable = new BusProcessor(new Faulty(_client) { FailStateReads = true }, Options(), Handle);
        Assert.Equal(ProcessorIteration.Failed, await unreadable.RunOnceAsync(CancellationToken.None));
        Assert.Empty(handled);

        // Released, not abandoned: the next attempt is still its first counted delivery.
        var next = new BusProcessor(_client, Options(), Handle);
        Assert.Equal(ProcessorIteration.Processed, await next.RunOnceAsync(CancellationToken.None));
        Assert.Equal([("U1", 1)], handled);
    }

    /// <summary>
    /// The real client, except that completing a message can kill the process (an exception no one handles) and
    /// reading the session state can fail as the bus fails.
    /// </summary>
    private sealed class Faulty(IBusClient inner) : IBusClient
    {
        public bool DieOnComplete { get; init; }

        public bool FailStateReads { get; init; }

        public IBusSender CreateSender(string entityPath) => inner.CreateSender(entityPath);

        public async Task<IBusReceiver> CreateReceiverAsync(ReceiverOptions options, CancellationToken cancellationToken = default) =>
            new Receiver(this, await inner.CreateReceiverAsync(options, cancellationToken));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class Receiver(Faulty owner, IBusReceiver inner) : IBusReceiver
        {
            public string EntityPath => inner.EntityPath;

            public string? SessionId => inner.SessionId;

            public DateTimeOffset? SessionLockedUntil => inner.SessionLockedUntil;

            public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
                inner.ReceiveAsync(maxMessages, maxWait, cancellationToken);

            public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
                owner.DieOnComplete ? throw new IOException("the process died before completing") : inner.CompleteAsync(message, cancellationToken);

            public Task AbandonAsync(ReceivedMessage message, IReadOnlyDictionary<string, object?>? propertiesToModify = null, CancellationToken cancellationToken = default) =>
                inner.AbandonAsync(message, propertiesToModify, cancellationToken);

            public Task ReleaseAsync(ReceivedMessage message, CancellationToken cancellationToken = default) => inner.ReleaseAsync(message, cancellationToken);

            public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default) =>
                inner.DeadLetterAsync(message, reason, description, cancellationToken);

            public Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default) =>
                inner.RenewLockAsync(message, cancellationToken);

            public Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken = default) => inner.RenewSessionLockAsync(cancellationToken);

            public Task<IReadOnlyList<ReceivedMessage>> PeekAsync(int maxMessages, long fromSequenceNumber = 0, CancellationToken cancellationToken = default) =>
                inner.PeekAsync(maxMessages, fromSequenceNumber, cancellationToken);

            public Task<byte[]?> GetSessionStateAsync(CancellationToken cancellationToken = default) =>
                owner.FailStateReads ? throw new BusException(BusFailureReason.ServiceBusy, "busy") : inner.GetSessionStateAsync(cancellationToken);

            public Task SetSessionStateAsync(byte[]? state, CancellationToken cancellationToken = default) => inner.SetSessionStateAsync(state, cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
