using IntegrationHub.Bus.Emulator;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>Token refresh, credit, cancellation and session loss against the embedded broker.</summary>
public sealed class ConnectionBehaviourTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private const int ConnectedEvent = 1001;
    private const int ConnectionLostEvent = 1003;
    private const int TokenPutEvent = 1004;

    [Fact]
    public async Task Sas_tokens_are_put_again_before_they_expire()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        try
        {
            using var logs = new CapturingLoggerFactory();
            var options = BrokerFixture.FastOptions(broker.ConnectionString);
            options.SasTokenLifetime = TimeSpan.FromSeconds(4);
            options.TokenRefreshMargin = TimeSpan.FromSeconds(3);
            await using var client = BusClientFactory.Create(options, logs);
            await using var sender = client.CreateSender("send");
            await sender.SendAsync(OutgoingMessage.FromText("one"));
            var initial = logs.Count(TokenPutEvent);

            // 4 s tokens are refreshed half-way (t≈2 s, 4 s): after 5 s at least one refresh happened, and sending
            // still works after the first token's expiry.
            await Task.Delay(TimeSpan.FromSeconds(5));
            await sender.SendAsync(OutgoingMessage.FromText("two"));

            Assert.True(logs.Count(TokenPutEvent) >= initial + 1, $"{logs.Count(TokenPutEvent)} puts, {initial} initially");
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    [Fact]
    public async Task An_idle_connection_is_kept_alive_by_heartbeats()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        try
        {
            using var logs = new CapturingLoggerFactory();
            var options = BrokerFixture.FastOptions(broker.ConnectionString);
            options.IdleTimeout = TimeSpan.FromSeconds(2); // the broker must show life every 2 s, and does
            await using var client = BusClientFactory.Create(options, logs);
            await using var sender = client.CreateSender("send");
            await sender.SendAsync(OutgoingMessage.FromText("before idling"));

            await Task.Delay(TimeSpan.FromSeconds(5));
            await sender.SendAsync(OutgoingMessage.FromText("after idling"));

            Assert.Equal(1, logs.Count(ConnectedEvent));
            Assert.Equal(0, logs.Count(ConnectionLostEvent));
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    [Fact]
    public async Task Without_prefetch_a_receiver_locks_only_what_it_asked_for()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        try
        {
            await using var client = BusClientFactory.Create(BrokerFixture.FastOptions(broker.ConnectionString));
            await using var sender = client.CreateSender("batch");
            await sender.SendBatchAsync([OutgoingMessage.FromText("1"), OutgoingMessage.FromText("2"), OutgoingMessage.FromText("3")]);

            await using var first = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("batch"));
            var one = Assert.Single(await first.ReceiveAsync(1, Wait));

            await using var second = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("batch"));
            var rest = new List<ReceivedMessage>();
            for (var i = 0; i < 10 && rest.Count < 2; i++)
            {
                rest.AddRange(await second.ReceiveAsync(2 - rest.Count, TimeSpan.FromSeconds(1)));
            }

            Assert.Equal(["2", "3"], rest.Select(m => m.BodyAsString()));
            await first.CompleteAsync(one);
            foreach (var m in rest)
            {
                await second.CompleteAsync(m);
            }
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    [Fact]
    public async Task Cancelling_a_long_receive_returns_promptly()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        try
        {
            await using var client = BusClientFactory.Create(BrokerFixture.FastOptions(broker.ConnectionString));
            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("peek"));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var clock = System.Diagnostics.Stopwatch.StartNew();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receiver.ReceiveAsync(1, TimeSpan.FromSeconds(30), cancel.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    [Fact]
    public async Task A_send_during_a_short_outage_succeeds_once_the_broker_is_back()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        var port = broker.Port;
        try
        {
            await using var client = BusClientFactory.Create(BrokerFixture.FastOptions(broker.ConnectionString));
            await using var sender = client.CreateSender("send");
            await sender.SendAsync(OutgoingMessage.FromText("before"));

            await broker.DisposeAsync();
            var pending = sender.SendAsync(OutgoingMessage.FromText("during"));
            await Task.Delay(700);
            (broker, _) = await BrokerFixture.StartOwnAsync(port, dir);
            await pending.WaitAsync(TimeSpan.FromSeconds(15));

            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("send"));
            var got = new List<string>();
            for (var i = 0; i < 10 && got.Count < 2; i++)
            {
                foreach (var m in await receiver.ReceiveAsync(2, TimeSpan.FromSeconds(1)))
                {
                    got.Add(m.BodyAsString());
                    await receiver.CompleteAsync(m);
                }
            }

            Assert.Equal(["before", "during"], got);
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    [Fact]
    public async Task Losing_the_connection_loses_the_session_lock()
    {
        var (broker, dir) = await BrokerFixture.StartOwnAsync();
        var port = broker.Port;
        try
        {
            await using var client = BusClientFactory.Create(BrokerFixture.FastOptions(broker.ConnectionString));
            await using var sender = client.CreateSender("s-named");
            await sender.SendAsync(new OutgoingMessage("s"u8.ToArray()) { SessionId = "L", MessageId = "L1" });
            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForSession("s-named", "L"));
            var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));

            await broker.DisposeAsync();
            (broker, _) = await BrokerFixture.StartOwnAsync(port, dir);
            await BrokerFixture.UntilLinkLostAsync(receiver);

            var settle = await Assert.ThrowsAsync<BusException>(() => receiver.CompleteAsync(m));
            Assert.Equal(BusFailureReason.SessionLockLost, settle.Reason);
            var receive = await Assert.ThrowsAsync<BusException>(() => receiver.ReceiveAsync(1, Wait));
            Assert.Equal(BusFailureReason.SessionLockLost, receive.Reason);

            // A new session receiver gets the unsettled message again.
            await using var again = await client.CreateReceiverAsync(ReceiverOptions.ForSession("s-named", "L"));
            var redelivered = Assert.Single(await again.ReceiveAsync(1, Wait));
            Assert.Equal("L1", redelivered.MessageId);
            await again.CompleteAsync(redelivered);
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }
}
