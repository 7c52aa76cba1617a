using IntegrationHub.AppHost.Testing;
using IntegrationHub.EndToEnd.Support;
using IntegrationHub.Phw;

namespace IntegrationHub.EndToEnd;

/// <summary>
/// What the hub guarantees while things go wrong (architecture: "at-least-once everywhere; ordering per session;
/// nothing ACKed is ever lost"), on the PHW flow — the one with every stage — of the shared hub.
/// </summary>
[Collection(SharedHub.Name)]
public sealed class DeliveryTests(HubFixture fixture)
{
    private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(180);
    private readonly HubTestHost _hub = fixture.Hub;
    private readonly string _sample = Messages.Sample(PhwFlow.WorkflowId);

    [Fact]
    public async Task A_thousand_messages_on_one_flow_reach_the_MPI_in_order()
    {
        var batch = Messages.Numbered(_sample, "ORDER", 1000);

        await HubAssert.SendAllAsync(_hub, "phw", batch);

        var accepted = await _hub.MockMpi.WaitForAcceptedAsync(batch.Count, IsOneOf(batch), LongWait);
        HubAssert.AcceptedOnceInOrder(Ids(batch), accepted);
    }

    [Theory]
    [InlineData(MpiMode.Close, "closed")]
    [InlineData(MpiMode.Silent, "none")]
    public async Task While_the_MPI_is_down_nothing_is_lost_and_order_holds_once_it_is_back(MpiMode outage, string outageResponse)
    {
        var batch = Messages.Numbered(_sample, "DOWN" + outage.ToString().ToUpperInvariant(), 20);
        await _hub.MockMpi.SetModeAsync(outage);
        try
        {
            await HubAssert.SendAllAsync(_hub, "phw", batch);

            // The sender has really met the outage (an attempt and its immediate resend), then it lasts a little longer.
            await Poll.UntilAsync(
                async () => (await _hub.MockMpi.ReceivedAsync()).Count(m => m.ControlId == batch[0].ControlId && m.Response == outageResponse) >= 2,
                TimeSpan.FromSeconds(60),
                () => $"the sender to try the first message against the MPI in {outage} mode");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await _hub.MockMpi.SetModeAsync(MpiMode.Normal);
        }

        var accepted = await _hub.MockMpi.WaitForAcceptedAsync(batch.Count, IsOneOf(batch), LongWait);
        HubAssert.AcceptedOnceInOrder(Ids(batch), accepted);
        Assert.Empty(await DeadLettersOfAsync(batch));
    }

    [Fact]
    public async Task A_transformer_killed_mid_stream_loses_and_duplicates_nothing()
    {
        var batch = Messages.Numbered(_sample, "KILLED", 300);
        var transformer = _hub.Service("phw-transformer");
        var restartsBefore = transformer.Restarts;

        var sending = HubAssert.SendAllAsync(_hub, "phw", batch);
        await _hub.MockMpi.WaitForAcceptedAsync(20, IsOneOf(batch), LongWait);
        await transformer.KillAndWaitForRestartAsync();
        var acceptedBeforeRestart = (await _hub.MockMpi.ReceivedAsync()).Count(m => m.Accepted && IsOneOf(batch)(m));
        await sending;

        var accepted = await _hub.MockMpi.WaitForAcceptedAsync(batch.Count, IsOneOf(batch), LongWait);
        HubAssert.AcceptedOnceInOrder(Ids(batch), accepted);
        Assert.True(transformer.Restarts > restartsBefore, "the supervisor did not restart the killed transformer");
        Assert.True(acceptedBeforeRestart < batch.Count, "the stream had ended before the transformer was killed");
        var all = (await _hub.MockMpi.ReceivedAsync()).Where(IsOneOf(batch)).ToList();
        Assert.Equal(batch.Count, all.Count);
    }

    [Fact]
    public async Task A_message_the_MPI_refuses_is_dead_lettered_with_its_reason_and_delivered_after_the_fix_and_a_resubmit()
    {
        var (controlId, poison) = Messages.Numbered(_sample, "POISON", 1)[0];
        var senderQueue = _hub.Flow("phw").Sender.Env("INGRESS_QUEUE_NAME")!;

        // Spec §8.6: only AA/CA is success, so an MPI answering AR makes the sender abandon it with back-off until the
        // broker dead-letters it after MaxDeliveryCount deliveries.
        await _hub.MockMpi.SetModeAsync(MpiMode.AR);
        QueuedMessage deadLetter;
        try
        {
            HubAssert.AckedAa(await _hub.SendAsync("phw", poison), controlId);
            deadLetter = await WaitForDeadLetterAsync(senderQueue, controlId);
        }
        finally
        {
            await _hub.MockMpi.SetModeAsync(MpiMode.Normal);
        }

        Assert.Equal("MaxDeliveryCountExceeded", deadLetter.Reason);
        Assert.False(string.IsNullOrEmpty(deadLetter.Description));
        Assert.Contains(controlId, deadLetter.Body, StringComparison.Ordinal);
        var refused = (await _hub.MockMpi.ReceivedAsync()).Where(m => m.ControlId == controlId).ToList();
        Assert.Equal(_hub.Model.Queues.Single(q => q.Name == senderQueue).MaxDeliveryCount, refused.Count);
        Assert.All(refused, m => Assert.Equal("AR", m.Response));

        // The MPI is fixed; an operator resubmits the dead letter and it is delivered.
        Assert.True(await _hub.Queues.ResubmitDeadLettersAsync(senderQueue) >= 1);
        var accepted = await _hub.MockMpi.WaitForAcceptedAsync(1, m => m.ControlId == controlId);
        Assert.Equal(controlId, Assert.Single(accepted).ControlId);
        Assert.DoesNotContain(await _hub.Queues.DeadLettersAsync(senderQueue), m => m.Body?.Contains(controlId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task After_a_broker_restart_the_services_reconnect_and_deliver_everything()
    {
        var before = Messages.Numbered(_sample, "BUSA", 50);
        var after = Messages.Numbered(_sample, "BUSB", 50);
        await HubAssert.SendAllAsync(_hub, "phw", before);

        await _hub.RestartBusAsync(TimeSpan.FromSeconds(2));

        // A source system resends what was not ACKed; the server may need a moment to reconnect to the broker.
        foreach (var (controlId, er7) in after)
        {
            await SendUntilAckedAsync(controlId, er7);
        }

        var all = before.Concat(after).ToList();
        var accepted = await _hub.MockMpi.WaitForAcceptedAsync(all.Count, IsOneOf(all), LongWait);
        HubAssert.AcceptedOnceInOrder(Ids(all), accepted);
        await _hub.WaitForQueuesDrainedAsync();
    }

    private async Task SendUntilAckedAsync(string controlId, string er7)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var result = await _hub.SendAsync("phw", er7);
            if (result.IsAckReceived || DateTime.UtcNow > deadline)
            {
                HubAssert.AckedAa(result, controlId);
                return;
            }

            await Task.Delay(500);
        }
    }

    private async Task<QueuedMessage> WaitForDeadLetterAsync(string queue, string controlId)
    {
        QueuedMessage? found = null;
        await Poll.UntilAsync(
            async () => (found = (await _hub.Queues.DeadLettersAsync(queue)).FirstOrDefault(m => m.Body?.Contains(controlId, StringComparison.Ordinal) == true)) is not null,
            LongWait,
            () => $"{controlId} to be dead-lettered on {queue}");
        return found!;
    }

    private async Task<IReadOnlyList<QueuedMessage>> DeadLettersOfAsync(IReadOnlyList<(string ControlId, string Er7)> batch)
    {
        var ids = Ids(batch);
        var deadLetters = new List<QueuedMessage>();
        foreach (var queue in _hub.Flow("phw").Queues)
        {
            deadLetters.AddRange((await _hub.Queues.DeadLettersAsync(queue.Name)).Where(m => ids.Any(id => m.Body?.Contains(id, StringComparison.Ordinal) == true)));
        }

        return deadLetters;
    }

    private static Func<MpiMessage, bool> IsOneOf(IReadOnlyList<(string ControlId, string Er7)> batch)
    {
        var ids = batch.Select(b => b.ControlId).ToHashSet(StringComparer.Ordinal);
        return m => ids.Contains(m.ControlId);
    }

    private static List<string> Ids(IReadOnlyList<(string ControlId, string Er7)> batch) => batch.Select(b => b.ControlId).ToList();
}
