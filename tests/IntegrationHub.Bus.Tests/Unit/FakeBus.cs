using System.Collections.Concurrent;

namespace IntegrationHub.Bus.Tests.Unit;

/// <summary>An in-memory stand-in for the port, recording what the processor does with each message.</summary>
internal sealed class FakeBusClient : IBusClient
{
    public ConcurrentQueue<Func<FakeReceiver>> Receivers { get; } = new();

    public List<string> Log { get; } = [];

    public int ReceiversOpened { get; private set; }

    public Exception? CreateError { get; set; }

    public IBusSender CreateSender(string entityPath) => throw new NotSupportedException();

    public Task<IBusReceiver> CreateReceiverAsync(ReceiverOptions options, CancellationToken cancellationToken = default)
    {
        if (CreateError is { } error)
        {
            throw error;
        }

        ReceiversOpened++;
        var receiver = Receivers.TryDequeue(out var factory) ? factory() : new FakeReceiver(this, []);
        return Task.FromResult<IBusReceiver>(receiver);
    }

    public void Enqueue(params ReceivedMessage[] batch) => Receivers.Enqueue(() => new FakeReceiver(this, batch));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static ReceivedMessage Message(string id, DateTimeOffset? lockedUntil = null) =>
        new() { MessageId = id, Body = System.Text.Encoding.UTF8.GetBytes(id), DeliveryCount = 1, LockedUntil = lockedUntil ?? DateTimeOffset.MaxValue };
}

internal sealed class FakeReceiver(FakeBusClient owner, IReadOnlyList<ReceivedMessage> batch) : IBusReceiver
{
    public string EntityPath => "q";

    public string? SessionId { get; init; }

    public DateTimeOffset? SessionLockedUntil { get; set; }

    public Exception? ReceiveError { get; init; }

    public HashSet<string> LockLostOnComplete { get; init; } = [];

    public int SessionRenewals { get; private set; }

    public int MessageRenewals { get; private set; }

    public bool Disposed { get; private set; }

    public TimeSpan RenewBy { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider? Time { get; init; }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        if (ReceiveError is { } error)
        {
            throw error;
        }

        return Task.FromResult<IReadOnlyList<ReceivedMessage>>(batch.Take(maxMessages).ToList());
    }

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        if (LockLostOnComplete.Contains(message.MessageId!))
        {
            throw new BusException(BusFailureReason.MessageLockLost, "lock lost");
        }

        lock (owner.Log)
        {
            owner.Log.Add("complete " + message.MessageId);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        lock (owner.Log)
        {
            owner.Log.Add("release " + message.MessageId);
        }

        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedMessage message, IReadOnlyDictionary<string, object?>? propertiesToModify = null, CancellationToken cancellationToken = default)
    {
        lock (owner.Log)
        {
            owner.Log.Add("abandon " + message.MessageId);
        }

        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        MessageRenewals++;
        message.LockedUntil = (Time?.GetUtcNow() ?? DateTimeOffset.UtcNow) + RenewBy;
        return Task.FromResult(message.LockedUntil);
    }

    public Task<DateTimeOffset> RenewSessionLockAsync(CancellationToken cancellationToken = default)
    {
        SessionRenewals++;
        SessionLockedUntil = (Time?.GetUtcNow() ?? DateTimeOffset.UtcNow) + RenewBy;
        return Task.FromResult(SessionLockedUntil.Value);
    }

    public Task<IReadOnlyList<ReceivedMessage>> PeekAsync(int maxMessages, long fromSequenceNumber = 0, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<byte[]?> GetSessionStateAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetSessionStateAsync(byte[]? state, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
