using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>
/// <see cref="BusClientOptions.CompleteSendsOnIoThread"/>: with it on, an awaited send resumes its caller on the
/// connection's read loop. A caller that sends again and receives from there (on the same connection) must still
/// get every send confirmed, in order, as with the option off.
/// </summary>
public sealed class SendCompletionThreadTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private const int Rounds = 50;

    [Theory]
    [InlineData(true, "inline-on")]
    [InlineData(false, "inline-off")]
    public async Task Continuations_that_send_and_receive_on_the_same_connection_keep_working(bool inline, string queue)
    {
        var options = BrokerFixture.FastOptions(fixture.Broker.ConnectionString);
        options.CompleteSendsOnIoThread = inline;
        await using var client = BusClientFactory.Create(options);
        await using var first = client.CreateSender(queue);
        await using var second = client.CreateSender(queue);
        await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForQueue(queue));
        await SendAndReceiveInTurnAsync(first, second, receiver);
    }

    private static async Task SendAndReceiveInTurnAsync(IBusSender first, IBusSender second, IBusReceiver receiver)
    {
        for (var i = 0; i < Rounds; i++)
        {
            // ConfigureAwait(false): each next step runs wherever the previous send completed.
            await first.SendAsync(OutgoingMessage.FromText($"a{i}")).ConfigureAwait(false);
            await second.SendAsync(OutgoingMessage.FromText($"b{i}")).ConfigureAwait(false);
            var received = await receiver.ReceiveAsync(2, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            while (received.Count < 2)
            {
                var more = await receiver.ReceiveAsync(2 - received.Count, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                Assert.NotEmpty(more);
                received = [.. received, .. more];
            }

            Assert.Equal([$"a{i}", $"b{i}"], received.Select(m => m.BodyAsString()));
            foreach (var message in received)
            {
                await receiver.CompleteAsync(message).ConfigureAwait(false);
            }
        }
    }
}
