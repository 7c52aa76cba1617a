using IntegrationHub.Bus.Processing;

namespace IntegrationHub.Bus.Tests.Integration;

public sealed class SessionTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private static OutgoingMessage For(string session, string id) => new(System.Text.Encoding.UTF8.GetBytes(id)) { SessionId = session, MessageId = id };

    [Fact]
    public async Task Named_session_receives_only_its_messages_in_order()
    {
        await using var sender = _client.CreateSender("s-named");
        await sender.SendAsync(For("A", "A1"));
        await sender.SendAsync(For("B", "B1"));
        await sender.SendAsync(For("A", "A2"));
        await sender.SendAsync(For("B", "B2"));

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-named", "B"));
        Assert.Equal("B", receiver.SessionId);
        Assert.True(receiver.SessionLockedUntil > DateTimeOffset.UtcNow);

        var got = new List<ReceivedMessage>();
        while (got.Count < 2)
        {
            var batch = await receiver.ReceiveAsync(2 - got.Count, Wait);
            Assert.NotEmpty(batch);
            got.AddRange(batch);
        }

        Assert.Equal(["B1", "B2"], got.Select(m => m.MessageId));
        Assert.All(got, m => Assert.Equal("B", m.SessionId));
        foreach (var m in got)
        {
            await receiver.CompleteAsync(m);
        }
    }

    [Fact]
    public async Task Next_available_session_locks_a_session_with_messages()
    {
        await using var sender = _client.CreateSender("s-next");
        await sender.SendAsync(For("C", "C1"));

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForNextSession("s-next", TimeSpan.FromSeconds(5)));
        Assert.Equal("C", receiver.SessionId);
        var m = Assert.Single(await receiver.ReceiveAsync(5, Wait));
        Assert.Equal("C1", m.MessageId);
        await receiver.CompleteAsync(m);
    }

    [Fact]
    public async Task Next_available_on_an_empty_queue_times_out_with_the_broker_condition()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<BusException>(() => _client.CreateReceiverAsync(ReceiverOptions.ForNextSession("s-empty", TimeSpan.FromSeconds(1))));
        Assert.Equal(BusFailureReason.Timeout, error.Reason);
        Assert.Equal("com.microsoft:timeout", error.Condition);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_session_is_locked_to_one_receiver_at_a_time()
    {
        await using var first = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-exclusive", "X"));
        var error = await Assert.ThrowsAsync<BusException>(() => _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-exclusive", "X")));
        Assert.Equal(BusFailureReason.SessionCannotBeLocked, error.Reason);
    }

    [Fact]
    public async Task Session_lock_can_be_renewed()
    {
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-renew", "R"));
        var before = receiver.SessionLockedUntil!.Value;
        await Task.Delay(1100);
        var renewed = await receiver.RenewSessionLockAsync();
        Assert.True(renewed > before);
        Assert.Equal(renewed, receiver.SessionLockedUntil);
    }

    [Fact]
    public async Task Processor_retries_a_failed_message_in_order_and_then_completes_it()
    {
        await using var sender = _client.CreateSender("s-processor");
        await sender.SendAsync(For("P", "P1"));
        await sender.SendAsync(For("P", "P2"));

        var seen = new List<(string Id, int Count)>();
        var processor = new BusProcessor(_client,
            new BusProcessorOptions
            {
                EntityPath = "s-processor",
                SessionMode = SessionMode.Named,
                SessionId = "P",
                MaxWait = TimeSpan.FromSeconds(1),
                InitialBackoff = TimeSpan.FromMilliseconds(200),
            },
            (m, _) =>
            {
                lock (seen)
                {
                    seen.Add((m.MessageId!, m.DeliveryCount));
                }

                return Task.FromResult(!(m.MessageId == "P1" && m.DeliveryCount == 1));
            });

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var run = processor.RunAsync(stop.Token);
        while (!stop.IsCancellationRequested)
        {
            lock (seen)
            {
                if (seen.Count >= 3)
                {
                    break;
                }
            }

            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await run;

        // P1 fails, P2 is released unhandled (its delivery count is not raised), then P1 (2nd delivery) and P2 succeed — FIFO kept.
        Assert.Equal([("P1", 1), ("P1", 2), ("P2", 1)], seen.Take(3));
    }
}
