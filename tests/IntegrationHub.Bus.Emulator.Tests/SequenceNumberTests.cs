using Amqp;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>
/// Sequence numbers are recorded a block ahead (the entity row is not rewritten in every commit): across restarts,
/// with the queue emptied or not, a sequence number must never be handed out twice or go backwards.
/// </summary>
public sealed class SequenceNumberTests
{
    [Fact]
    public async Task Sequence_numbers_keep_increasing_across_restarts_even_when_every_message_was_completed()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("seq", TestBroker.Fast()));
        long last = 0;
        for (var run = 0; run < 3; run++)
        {
            await using (var client = await SbClient.ConnectAuthorizedAsync(broker.Port))
            {
                await client.SendAsync("seq", SbClient.Text("a"), SbClient.Text("b"), SbClient.Text("c"));
                var (rx, _) = await client.ReceiverAsync("seq");
                rx.SetCredit(3, CreditMode.Manual, 0);
                var received = new List<Message>();
                for (var i = 0; i < 3; i++)
                {
                    var message = await rx.ReceiveAsync(TimeSpan.FromSeconds(10));
                    Assert.NotNull(message);
                    var seq = SbClient.SequenceNumber(message);
                    Assert.True(seq > last, $"sequence number {seq} after {last} (run {run})");
                    last = seq;
                    received.Add(message);
                }

                // Confirmed completion: the queue is empty before the restart.
                await DurabilityTests.CompleteAsync(client, "seq", [.. received]);

                await rx.CloseAsync();
            }

            await broker.RestartAsync();
        }
    }
}
