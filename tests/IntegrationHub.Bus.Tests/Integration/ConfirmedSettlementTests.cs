namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>Settlement through <c>update-disposition</c>: the broker's answer confirms it or reports the lost lock.</summary>
public sealed class ConfirmedSettlementTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private Task<IBusReceiver> OpenAsync(string entity) =>
        _client.CreateReceiverAsync(ReceiverOptions.ForQueue(entity) with { ConfirmSettlement = true });

    [Fact]
    public async Task Confirmed_complete_removes_the_message_and_a_second_one_reports_the_lost_lock()
    {
        await using var sender = _client.CreateSender("confirm");
        await sender.SendAsync(new OutgoingMessage("c"u8.ToArray()) { MessageId = "CF1" });
        await using var receiver = await OpenAsync("confirm");
        var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));

        await receiver.CompleteAsync(m);
        var again = await Assert.ThrowsAsync<BusException>(() => receiver.CompleteAsync(m));

        Assert.Equal(BusFailureReason.MessageLockLost, again.Reason);
        Assert.Empty(await receiver.ReceiveAsync(1, TimeSpan.FromMilliseconds(300)));
        await receiver.DisposeAsync();

        await using var later = await OpenAsync("confirm");
        Assert.Empty(await later.ReceiveAsync(1, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Confirmed_abandon_and_dead_letter_take_effect()
    {
        await using var sender = _client.CreateSender("confirm");
        await sender.SendAsync(new OutgoingMessage("d"u8.ToArray()) { MessageId = "CF2" });
        await using (var receiver = await OpenAsync("confirm"))
        {
            var first = Assert.Single(await receiver.ReceiveAsync(1, Wait));
            await receiver.AbandonAsync(first);
            var second = Assert.Single(await receiver.ReceiveAsync(1, Wait));
            Assert.Equal(2, second.DeliveryCount);
            await receiver.DeadLetterAsync(second, "Unmappable", "no PID segment");
        }

        await using var dlq = await OpenAsync(ReceiverOptions.DeadLetterPath("confirm"));
        var dead = Assert.Single(await dlq.ReceiveAsync(1, Wait));
        Assert.Equal("CF2", dead.MessageId);
        Assert.Equal("Unmappable", dead.DeadLetterReason);
        Assert.Equal("no PID segment", dead.DeadLetterErrorDescription);
        await dlq.CompleteAsync(dead);
    }

    [Fact]
    public async Task Confirmed_settlement_works_for_session_messages()
    {
        await using var sender = _client.CreateSender("s-confirm");
        await sender.SendAsync(new OutgoingMessage("s"u8.ToArray()) { SessionId = "CS", MessageId = "CS1" });
        await sender.SendAsync(new OutgoingMessage("s"u8.ToArray()) { SessionId = "CS", MessageId = "CS2" });
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-confirm", "CS") with { ConfirmSettlement = true });

        var got = new List<ReceivedMessage>();
        while (got.Count < 2)
        {
            var batch = await receiver.ReceiveAsync(2 - got.Count, Wait);
            Assert.NotEmpty(batch);
            got.AddRange(batch);
        }

        foreach (var m in got)
        {
            await receiver.CompleteAsync(m);
        }

        Assert.Empty(await receiver.ReceiveAsync(1, TimeSpan.FromMilliseconds(300)));
        await receiver.DisposeAsync();

        // Closing the link must not bring back what was settled through management.
        await using var later = await _client.CreateReceiverAsync(ReceiverOptions.ForSession("s-confirm", "CS"));
        Assert.Empty(await later.ReceiveAsync(1, TimeSpan.FromMilliseconds(500)));
    }
}
