using Amqp;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class SaslPlainTests
{
    [Fact]
    public async Task Sasl_plain_with_the_configured_key_authorizes_the_connection()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()));
        var address = new Address("127.0.0.1", broker.Port, BrokerOptions.DefaultKeyName, BrokerOptions.DefaultKey, "/", "amqp");
        var connection = await new ConnectionFactory().CreateAsync(address);
        try
        {
            var session = new Session(connection);
            var sender = new SenderLink(session, "plain-sender", "orders");
            await sender.SendAsync(SbClient.Text("plain"));
        }
        finally
        {
            await connection.CloseAsync();
        }

        var bad = new Address("127.0.0.1", broker.Port, BrokerOptions.DefaultKeyName, "wrong", "/", "amqp");
        await Assert.ThrowsAnyAsync<Exception>(() => new ConnectionFactory().CreateAsync(bad));
    }
}
