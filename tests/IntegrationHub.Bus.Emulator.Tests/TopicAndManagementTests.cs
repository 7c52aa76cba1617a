using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class TopicAndManagementTests
{
    [Fact]
    public async Task Topic_copies_to_matching_subscriptions_only()
    {
        var config = new BrokerConfig().WithTopic("events",
            new SubscriptionConfig("all", TestBroker.Fast(), []),
            new SubscriptionConfig("phw", TestBroker.Fast(), [new RuleConfig("phw-only", new CorrelationFilter { Properties = new Dictionary<string, string> { ["source"] = "PHW" } })]),
            new SubscriptionConfig("byLabel", TestBroker.Fast(), [new RuleConfig("adt", new CorrelationFilter { Label = "ADT" })]));
        await using var broker = await TestBroker.StartAsync(config);
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var phw = SbClient.Text("from phw");
        phw.ApplicationProperties = new ApplicationProperties { ["source"] = "PHW" };
        var adt = SbClient.Text("adt");
        adt.Properties.Subject = "ADT";
        await client.SendAsync("events", phw, adt);

        async Task<List<string>> Drain(string path)
        {
            var (rx, _) = await client.ReceiverAsync(path);
            rx.SetCredit(10, CreditMode.Manual, 0);
            var list = new List<string>();
            while (await rx.ReceiveAsync(TimeSpan.FromMilliseconds(300)) is { } m)
            {
                list.Add(SbClient.BodyText(m));
                rx.Accept(m);
            }

            return list;
        }

        Assert.Equal(["from phw", "adt"], await Drain("events/Subscriptions/all"));
        Assert.Equal(["from phw"], await Drain("/events/subscriptions/phw"));
        Assert.Equal(["adt"], await Drain("events/Subscriptions/byLabel"));
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("events"));
        Assert.Equal("amqp:not-allowed", (string)ex.Error.Condition);
    }

    [Fact]
    public async Task Renew_lock_extends_the_lock_and_peek_shows_messages_without_locking()
    {
        // A 3 s lock renewed every second: a 2 s margin per renewal keeps the test steady on a loaded machine.
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast(lockMs: 3000)));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("p1"), SbClient.Text("p2"));

        var (peekStatus, peekBody) = await client.ManagementAsync("orders", "com.microsoft:peek-message",
            new Map { ["from-sequence-number"] = 0L, ["message-count"] = 10 });
        Assert.Equal(200, peekStatus);
        var peeked = (List)((Map)peekBody!)["messages"];
        Assert.Equal(2, peeked.Count);
        var first = Message.Decode(new ByteBuffer((byte[])((Map)peeked[0]!)["message"], 0, ((byte[])((Map)peeked[0]!)["message"]).Length, 0));
        Assert.Equal("p1", SbClient.BodyText(first));

        var (rx, _) = await client.ReceiverAsync("orders");
        var m = await SbClient.ReceiveOneAsync(rx);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(1000);
            var (status, body) = await client.ManagementAsync("orders", "com.microsoft:renew-lock",
                new Map { ["lock-tokens"] = new[] { SbClient.LockToken(m!) } });
            Assert.Equal(200, status);
            Assert.Single((DateTime[])((Map)body!)["expirations"]);
        }

        // Still locked after 4 s (longer than the 3 s lock) thanks to the renewals: the next delivery is p2, not a redelivery of p1.
        var next = await SbClient.ReceiveOneAsync(rx);
        Assert.Equal("p2", SbClient.BodyText(next!));
        await DurabilityTests.CompleteAsync(client, "orders", m!, next!);

        var (lost, _) = await client.ManagementAsync("orders", "com.microsoft:renew-lock", new Map { ["lock-tokens"] = new[] { SbClient.LockToken(m!) } });
        Assert.Equal(410, lost);
        var (empty, _) = await client.ManagementAsync("orders", "com.microsoft:peek-message", new Map { ["from-sequence-number"] = 0L, ["message-count"] = 10 });
        Assert.Equal(204, empty);
    }

    [Fact]
    public async Task Schedule_and_cancel_through_management()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        List Scheduled(string text, TimeSpan delay)
        {
            var message = SbClient.Text(text);
            message.MessageAnnotations = new MessageAnnotations { [new Symbol("x-opt-scheduled-enqueue-time")] = DateTime.UtcNow + delay };
            var encoded = message.Encode();
            return [new Map { ["message-id"] = message.Properties.MessageId, ["message"] = encoded.Buffer.AsSpan(encoded.Offset, encoded.Length).ToArray() }];
        }

        var (s1, b1) = await client.ManagementAsync("orders", "com.microsoft:schedule-message", new Map { ["messages"] = Scheduled("cancel me", TimeSpan.FromSeconds(1)) });
        var (s2, _) = await client.ManagementAsync("orders", "com.microsoft:schedule-message", new Map { ["messages"] = Scheduled("keep me", TimeSpan.FromSeconds(1)) });
        Assert.Equal(200, s1);
        Assert.Equal(200, s2);
        var seq = ((long[])((Map)b1!)["sequence-numbers"])[0];
        var (cancelStatus, _) = await client.ManagementAsync("orders", "com.microsoft:cancel-scheduled-message", new Map { ["sequence-numbers"] = new[] { seq } });
        Assert.Equal(200, cancelStatus);

        var (rx, _) = await client.ReceiverAsync("orders");
        var received = await SbClient.ReceiveOneAsync(rx, 4000);
        Assert.Equal("keep me", SbClient.BodyText(received!));
        Assert.Null(await SbClient.ReceiveOneAsync(rx, 300));
    }
}
