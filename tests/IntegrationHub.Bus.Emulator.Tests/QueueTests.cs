using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class QueueTests
{
    [Fact]
    public async Task Send_receive_complete_removes_the_message()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("hello", "m1"));

        var (rx, _) = await client.ReceiverAsync("orders");
        var message = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(message);
        Assert.Equal("hello", SbClient.BodyText(message));
        Assert.Equal("m1", message.Properties.MessageId);
        Assert.Equal(16, message.DeliveryTag.Length);
        Assert.Equal(0u, message.Header.DeliveryCount);
        Assert.Equal(1L, SbClient.SequenceNumber(message));
        rx.Accept(message);

        Assert.Null(await SbClient.ReceiveOneAsync(rx, 300));
    }

    [Fact]
    public async Task Messages_are_delivered_in_fifo_order()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var sender = client.Sender("/orders");
        for (var i = 0; i < 50; i++)
        {
            await sender.SendAsync(SbClient.Text($"m{i}"));
        }

        var (rx, _) = await client.ReceiverAsync("orders");
        rx.SetCredit(50, CreditMode.Manual, 0);
        long last = 0;
        for (var i = 0; i < 50; i++)
        {
            var message = await rx.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal($"m{i}", SbClient.BodyText(message));
            Assert.True(SbClient.SequenceNumber(message) > last);
            last = SbClient.SequenceNumber(message);
            rx.Accept(message);
        }
    }

    [Fact]
    public async Task Abandon_redelivers_with_delivery_count_plus_one()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("amqp://127.0.0.1/orders", SbClient.Text("again"));

        var (rx, _) = await client.ReceiverAsync("orders");
        var first = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(first);
        rx.Modify(first, deliveryFailed: true, undeliverableHere: false, null);

        var second = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(second);
        Assert.Equal(1u, second.Header.DeliveryCount);
        Assert.NotEqual(SbClient.LockToken(first), SbClient.LockToken(second));
        rx.Accept(second);
    }

    [Fact]
    public async Task Lock_expiry_redelivers_and_a_stale_lock_cannot_complete()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast(lockMs: 1000)));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("slow"));

        var (rx, _) = await client.ReceiverAsync("orders");
        var first = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(first);

        // Not settled: after the 1 s lock the message comes back with a new lock and count + 1.
        var second = await SbClient.ReceiveOneAsync(rx, 4000);
        Assert.NotNull(second);
        Assert.Equal(1u, second.Header.DeliveryCount);
        Assert.Equal("slow", SbClient.BodyText(second));

        rx.Accept(first); // stale lock: ignored
        rx.Release(second); // released: back without counting
        var third = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(third);
        Assert.Equal(1u, third.Header.DeliveryCount);
        rx.Accept(third);
        Assert.Null(await SbClient.ReceiveOneAsync(rx, 300));
    }

    [Fact]
    public async Task Max_delivery_count_moves_the_message_to_the_dead_letter_queue()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast(maxDelivery: 2)));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("poison", "p1"));

        var (rx, _) = await client.ReceiverAsync("orders");
        for (var i = 0; i < 2; i++)
        {
            var m = await SbClient.ReceiveOneAsync(rx);
            Assert.NotNull(m);
            rx.Modify(m, true, false, null);
        }

        Assert.Null(await SbClient.ReceiveOneAsync(rx, 300));
        var (dlq, _) = await client.ReceiverAsync("orders/$DeadLetterQueue");
        var dead = await SbClient.ReceiveOneAsync(dlq);
        Assert.NotNull(dead);
        Assert.Equal("p1", dead.Properties.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.ApplicationProperties["DeadLetterReason"]);
        dlq.Accept(dead);
    }

    [Fact]
    public async Task Explicit_dead_letter_keeps_reason_and_description()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("bad"));

        var (rx, _) = await client.ReceiverAsync("orders");
        var m = await SbClient.ReceiveOneAsync(rx);
        Assert.NotNull(m);
        rx.Reject(m, new Error(new Symbol("com.microsoft:dead-letter"))
        {
            Description = "desc",
            Info = new Fields { [new Symbol("DeadLetterReason")] = "ValidationFailed", [new Symbol("DeadLetterErrorDescription")] = "MSH-9 missing" },
        });

        var (dlq, _) = await client.ReceiverAsync("/orders/$deadletterqueue");
        var dead = await SbClient.ReceiveOneAsync(dlq);
        Assert.NotNull(dead);
        Assert.Equal("bad", SbClient.BodyText(dead));
        Assert.Equal("ValidationFailed", dead.ApplicationProperties["DeadLetterReason"]);
        Assert.Equal("MSH-9 missing", dead.ApplicationProperties["DeadLetterErrorDescription"]);
    }

    [Fact]
    public async Task Scheduled_message_is_invisible_until_its_time()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var message = SbClient.Text("later");
        message.MessageAnnotations = new MessageAnnotations();
        message.MessageAnnotations[new Symbol("x-opt-scheduled-enqueue-time")] = DateTime.UtcNow.AddMilliseconds(1500);
        await client.SendAsync("orders", message);

        var (rx, _) = await client.ReceiverAsync("orders");
        Assert.Null(await SbClient.ReceiveOneAsync(rx, 500));
        var received = await SbClient.ReceiveOneAsync(rx, 4000);
        Assert.NotNull(received);
        Assert.Equal("later", SbClient.BodyText(received));
    }

    [Fact]
    public async Task Receive_and_delete_removes_on_send()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("orders", SbClient.Text("once"));
        var (rx, _) = await client.ReceiverAsync("orders", receiveAndDelete: true);
        Assert.NotNull(await SbClient.ReceiveOneAsync(rx));
        await rx.CloseAsync();
        var (rx2, _) = await client.ReceiverAsync("orders");
        Assert.Null(await SbClient.ReceiveOneAsync(rx2, 300));
    }

    [Fact]
    public async Task Drain_returns_unused_credit_so_later_messages_wait_for_new_credit()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var (rx, _) = await client.ReceiverAsync("orders");
        rx.SetCredit(5, CreditMode.Manual, 0);
        Assert.Null(await rx.ReceiveAsync(TimeSpan.FromMilliseconds(300)));

        // Same credit, drain flag: the credit the broker holds for this link must go back to zero.
        rx.SetCredit(5, CreditMode.Drain, 0);
        Assert.Null(await rx.ReceiveAsync(TimeSpan.FromMilliseconds(500)));

        await client.SendAsync("orders", SbClient.Text("after drain"));
        Assert.Null(await rx.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal("after drain", SbClient.BodyText((await SbClient.ReceiveOneAsync(rx))!));
    }
}
