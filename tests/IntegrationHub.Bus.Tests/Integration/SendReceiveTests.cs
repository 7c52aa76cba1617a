namespace IntegrationHub.Bus.Tests.Integration;

public sealed class SendReceiveTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Sent_message_is_received_with_its_properties_and_completed()
    {
        await using var sender = _client.CreateSender("props");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await sender.SendAsync(new OutgoingMessage("MSH|^~\\&|A"u8.ToArray())
        {
            MessageId = "MSG0001",
            CorrelationId = "corr-1",
            ContentType = "application/hl7-v2",
            Subject = "ADT^A01",
            ApplicationProperties = { ["workflow_id"] = "phw-to-mpi", ["attempt"] = 3, ["flag"] = true },
        });

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("props"));
        var messages = await receiver.ReceiveAsync(10, Wait);

        var m = Assert.Single(messages);
        Assert.Equal("MSH|^~\\&|A", m.BodyAsString());
        Assert.Equal("MSG0001", m.MessageId);
        Assert.Equal("corr-1", m.CorrelationId);
        Assert.Equal("application/hl7-v2", m.ContentType);
        Assert.Equal("ADT^A01", m.Subject);
        Assert.Equal("phw-to-mpi", m.ApplicationProperties["workflow_id"]);
        Assert.Equal(3, m.ApplicationProperties["attempt"]);
        Assert.Equal(true, m.ApplicationProperties["flag"]);
        Assert.Equal(1, m.DeliveryCount);
        Assert.True(m.SequenceNumber > 0);
        Assert.InRange(m.EnqueuedTime, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.True(m.LockedUntil > DateTimeOffset.UtcNow);
        Assert.NotEqual(Guid.Empty, m.LockToken);

        await receiver.CompleteAsync(m);
        Assert.Empty(await receiver.ReceiveAsync(1, Short));
    }

    [Fact]
    public async Task Abandon_redelivers_with_the_delivery_count_incremented()
    {
        await using var sender = _client.CreateSender("abandon");
        await sender.SendAsync(OutgoingMessage.FromText("retry me"));
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("abandon"));

        var first = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        Assert.Equal(1, first.DeliveryCount);
        await receiver.AbandonAsync(first);

        var second = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        await receiver.CompleteAsync(second);
    }

    [Fact]
    public async Task Completing_after_the_lock_expired_reports_lock_lost_and_the_message_comes_back()
    {
        await using var sender = _client.CreateSender("shortlock");
        await sender.SendAsync(new OutgoingMessage("slow"u8.ToArray()) { MessageId = "SL1" });
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("shortlock"));
        var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));

        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        var error = await Assert.ThrowsAsync<BusException>(() => receiver.CompleteAsync(m));
        Assert.Equal(BusFailureReason.MessageLockLost, error.Reason);

        var again = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        Assert.Equal("SL1", again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
        await receiver.CompleteAsync(again);
    }

    [Fact]
    public async Task Abandon_can_modify_application_properties()
    {
        await using var sender = _client.CreateSender("abandon-props");
        await sender.SendAsync(new OutgoingMessage("x"u8.ToArray()) { ApplicationProperties = { ["stage"] = "new" } });
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("abandon-props"));

        var first = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        await receiver.AbandonAsync(first, new Dictionary<string, object?> { ["stage"] = "retried", ["reason"] = "mpi down" });

        var second = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        Assert.Equal("retried", second.ApplicationProperties["stage"]);
        Assert.Equal("mpi down", second.ApplicationProperties["reason"]);
        await receiver.CompleteAsync(second);
    }

    [Fact]
    public async Task Prefetch_keeps_extra_messages_ready_on_the_link()
    {
        await using var sender = _client.CreateSender("prefetch");
        await sender.SendBatchAsync([OutgoingMessage.FromText("1"), OutgoingMessage.FromText("2"), OutgoingMessage.FromText("3")]);
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("prefetch") with { PrefetchCount = 3 });

        var first = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        await Task.Delay(200);
        var rest = await receiver.ReceiveAsync(2, TimeSpan.Zero); // already on the link: no wait needed

        Assert.Equal(["1", "2", "3"], new[] { first }.Concat(rest).Select(m => m.BodyAsString()));
        foreach (var m in new[] { first }.Concat(rest))
        {
            await receiver.CompleteAsync(m);
        }
    }

    [Fact]
    public async Task Dead_lettered_message_carries_reason_and_description_in_the_dead_letter_queue()
    {
        await using var sender = _client.CreateSender("deadletter");
        await sender.SendAsync(new OutgoingMessage("poison"u8.ToArray()) { MessageId = "P1" });
        await using (var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("deadletter")))
        {
            var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));
            await receiver.DeadLetterAsync(m, "ValidationFailed", "PID-3 missing");
            Assert.Empty(await receiver.ReceiveAsync(1, Short));
        }

        await using var dlq = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue(ReceiverOptions.DeadLetterPath("deadletter")));
        var dead = Assert.Single(await dlq.ReceiveAsync(1, Wait));
        Assert.Equal("P1", dead.MessageId);
        Assert.Equal("ValidationFailed", dead.DeadLetterReason);
        Assert.Equal("PID-3 missing", dead.DeadLetterErrorDescription);
        await dlq.CompleteAsync(dead);
    }

    [Fact]
    public async Task Exceeding_max_delivery_count_dead_letters_the_message()
    {
        await using var sender = _client.CreateSender("maxdelivery");
        await sender.SendAsync(new OutgoingMessage("x"u8.ToArray()) { MessageId = "M1" });
        await using (var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("maxdelivery")))
        {
            for (var i = 1; i <= 3; i++)
            {
                var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));
                Assert.Equal(i, m.DeliveryCount);
                await receiver.AbandonAsync(m);
            }

            Assert.Empty(await receiver.ReceiveAsync(1, Short));
        }

        await using var dlq = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue(ReceiverOptions.DeadLetterPath("maxdelivery")));
        var dead = Assert.Single(await dlq.ReceiveAsync(1, Wait));
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
    }

    [Fact]
    public async Task Batch_is_delivered_in_order()
    {
        await using var sender = _client.CreateSender("batch");
        var batch = Enumerable.Range(1, 5).Select(i => new OutgoingMessage(BitConverter.GetBytes(i)) { MessageId = "B" + i }).ToList();
        await sender.SendBatchAsync(batch);

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("batch"));
        var received = new List<ReceivedMessage>();
        while (received.Count < 5)
        {
            var got = await receiver.ReceiveAsync(5 - received.Count, Wait);
            Assert.NotEmpty(got);
            received.AddRange(got);
        }

        Assert.Equal(["B1", "B2", "B3", "B4", "B5"], received.Select(m => m.MessageId));
        foreach (var m in received)
        {
            await receiver.CompleteAsync(m);
        }
    }

    [Fact]
    public async Task Large_volumes_go_out_in_size_limited_batches_and_arrive_in_order()
    {
        await using var sender = _client.CreateSender("replay");
        var messages = Enumerable.Range(0, 30).Select(i => new OutgoingMessage(new byte[20_000]) { MessageId = "R" + i }).ToList();

        Assert.Equal(30, await sender.SendInBatchesAsync(messages));

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("replay"));
        var ids = new List<string?>();
        for (var i = 0; i < 20 && ids.Count < 30; i++)
        {
            foreach (var m in await receiver.ReceiveAsync(10, Wait))
            {
                ids.Add(m.MessageId);
                await receiver.CompleteAsync(m);
            }
        }

        Assert.Equal(messages.Select(m => m.MessageId), ids);
    }

    [Fact]
    public async Task Scheduled_message_arrives_only_after_its_time()
    {
        await using var sender = _client.CreateSender("schedule");
        await sender.SendAsync(new OutgoingMessage("later"u8.ToArray()) { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddSeconds(2) });
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("schedule"));

        Assert.Empty(await receiver.ReceiveAsync(1, TimeSpan.FromMilliseconds(500)));
        var m = Assert.Single(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(6)));
        Assert.Equal("later", m.BodyAsString());
        await receiver.CompleteAsync(m);
    }

    [Fact]
    public async Task Management_schedule_returns_sequence_numbers_and_cancel_removes_the_message()
    {
        await using var sender = _client.CreateSender("schedule-mgmt");
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        var numbers = await sender.ScheduleAsync([OutgoingMessage.FromText("keep"), OutgoingMessage.FromText("cancel")], at);
        Assert.Equal(2, numbers.Count);
        await sender.CancelScheduledAsync(numbers[1]);

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("schedule-mgmt"));
        var m = Assert.Single(await receiver.ReceiveAsync(2, TimeSpan.FromSeconds(6)));
        Assert.Equal("keep", m.BodyAsString());
        await receiver.CompleteAsync(m);
        Assert.Empty(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Renew_lock_extends_the_expiry()
    {
        await using var sender = _client.CreateSender("renew");
        await sender.SendAsync(OutgoingMessage.FromText("hold"));
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("renew"));
        var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        var before = m.LockedUntil;

        await Task.Delay(1100);
        var renewed = await receiver.RenewLockAsync(m);

        Assert.True(renewed > before, $"{renewed:O} should be after {before:O}");
        Assert.Equal(renewed, m.LockedUntil);
        await receiver.CompleteAsync(m);
    }

    [Fact]
    public async Task Peek_reads_without_locking()
    {
        await using var sender = _client.CreateSender("peek");
        await sender.SendAsync(new OutgoingMessage("p"u8.ToArray()) { MessageId = "PEEK1" });
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("peek"));

        var peeked = await receiver.PeekAsync(10);
        Assert.Equal("PEEK1", Assert.Single(peeked).MessageId);

        var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));
        Assert.Equal("PEEK1", m.MessageId);
        await receiver.CompleteAsync(m);
    }

    [Fact]
    public async Task Unknown_entity_is_reported_as_not_found()
    {
        await using var sender = _client.CreateSender("no-such-queue");
        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));
        Assert.Equal(BusFailureReason.EntityNotFound, error.Reason);
    }

    [Fact]
    public async Task Wrong_key_is_unauthorized()
    {
        var bad = fixture.Broker.ConnectionString.Replace("SAS_KEY_VALUE", "WRONG", StringComparison.Ordinal);
        await using var client = BusClientFactory.Create(BrokerFixture.FastOptions(bad));
        await using var sender = client.CreateSender("send");
        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));
        Assert.Equal(BusFailureReason.Unauthorized, error.Reason);
    }

    [Fact]
    public async Task Settling_a_message_from_another_receiver_is_refused()
    {
        await using var sender = _client.CreateSender("send");
        await sender.SendAsync(OutgoingMessage.FromText("x"));
        await using var a = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("send"));
        await using var b = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("send"));
        var m = Assert.Single(await a.ReceiveAsync(1, Wait));
        await Assert.ThrowsAsync<ArgumentException>(() => b.CompleteAsync(m));
        await a.CompleteAsync(m);
    }
}
