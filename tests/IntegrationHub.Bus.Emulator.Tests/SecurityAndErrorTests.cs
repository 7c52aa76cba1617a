using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class SecurityAndErrorTests
{
    private static BrokerConfig Config => new BrokerConfig().WithQueue("orders", TestBroker.Fast());

    [Fact]
    public async Task Cbs_rejects_a_token_signed_with_the_wrong_key_and_attach_is_then_unauthorized()
    {
        await using var broker = await TestBroker.StartAsync(Config);
        await using var client = await SbClient.ConnectAsync(broker.Port);
        Assert.Equal(401, await client.PutTokenAsync("sb://127.0.0.1/orders", BrokerOptions.DefaultKeyName, "wrong-key"));
        Assert.Equal(401, await client.PutTokenAsync("sb://127.0.0.1/orders", "OtherKeyName", BrokerOptions.DefaultKey));
        Assert.Equal(401, await client.PutTokenAsync("sb://127.0.0.1/orders", "x", "y", rawToken: SbClient.SasToken(
            "sb://127.0.0.1/orders", BrokerOptions.DefaultKeyName, BrokerOptions.DefaultKey, DateTimeOffset.UtcNow.AddMinutes(-1))));
        Assert.Equal(401, await client.PutTokenAsync("sb://127.0.0.1/orders", "x", "y", type: "jwt", rawToken: "a.b.c"));

        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("orders"));
        Assert.Equal("amqp:unauthorized-access", (string)ex.Error.Condition);
    }

    [Fact]
    public async Task An_entity_scoped_token_covers_only_that_entity()
    {
        await using var broker = await TestBroker.StartAsync(Config.WithQueue("other", TestBroker.Fast()));
        await using var client = await SbClient.ConnectAsync(broker.Port);
        Assert.Equal(202, await client.PutTokenAsync("amqp://127.0.0.1/orders", BrokerOptions.DefaultKeyName, BrokerOptions.DefaultKey));
        await client.SendAsync("orders", SbClient.Text("ok"));
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("other"));
        Assert.Equal("amqp:unauthorized-access", (string)ex.Error.Condition);
    }

    [Fact]
    public async Task Jwt_tokens_are_accepted_through_the_configured_validator()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        await using var broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            DataDirectory = dir,
            Config = Config,
            JwtValidator = (token, audience) => token == "good.jwt" && audience.EndsWith("/orders", StringComparison.Ordinal),
        });
        await using var client = await SbClient.ConnectAsync(broker.Port);
        Assert.Equal(401, await client.PutTokenAsync("sb://127.0.0.1/orders", "", "", type: "jwt", rawToken: "bad.jwt"));
        Assert.Equal(202, await client.PutTokenAsync("sb://127.0.0.1/orders", "", "", type: "jwt", rawToken: "good.jwt"));
        await client.SendAsync("orders", SbClient.Text("via jwt"));
    }

    [Fact]
    public async Task Unknown_entity_is_not_found()
    {
        await using var broker = await TestBroker.StartAsync(Config);
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("nope"));
        Assert.Equal("amqp:not-found", (string)ex.Error.Condition);
        var sendEx = await Assert.ThrowsAsync<AmqpException>(() => client.SendAsync("nope", SbClient.Text("x")));
        Assert.Equal("amqp:not-found", (string)sendEx.Error.Condition);
    }

    [Fact]
    public async Task Oversized_message_is_rejected_with_size_exceeded_and_the_link_stays_usable()
    {
        await using var broker = await TestBroker.StartAsync(Config);
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var sender = client.Sender("orders");
        var big = new Message { BodySection = new Data { Binary = new byte[300 * 1024] } };
        var ex = await Assert.ThrowsAsync<AmqpException>(() => sender.SendAsync(big));
        Assert.Equal("amqp:link:message-size-exceeded", (string)ex.Error.Condition);
        await sender.SendAsync(SbClient.Text("small"));
    }

    [Fact]
    public async Task A_malformed_frame_closes_only_that_connection()
    {
        await using var broker = await TestBroker.StartAsync(Config);
        await using var good = await SbClient.ConnectAuthorizedAsync(broker.Port);
        using (var raw = new System.Net.Sockets.TcpClient())
        {
            await raw.ConnectAsync("127.0.0.1", broker.Port);
            var stream = raw.GetStream();
            await stream.WriteAsync("AMQP\x03\x01\x00\x00"u8.ToArray());
            await stream.WriteAsync(new byte[] { 0, 0, 0, 12, 2, 1, 0, 0, 0xff, 0xff, 0xff, 0xff });
            var buffer = new byte[256];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (await stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
        }

        await good.SendAsync("orders", SbClient.Text("still fine"));
    }

    [Fact]
    public async Task Batch_transfers_are_split_into_individual_messages()
    {
        await using var broker = await TestBroker.StartAsync(Config);
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var batch = new Message { Format = 0x80013700, BodySection = new DataList() };
        foreach (var text in new[] { "b1", "b2", "b3" })
        {
            var inner = SbClient.Text(text).Encode();
            ((DataList)batch.BodySection).Add(new Data { Binary = inner.Buffer.AsSpan(inner.Offset, inner.Length).ToArray() });
        }

        await client.SendAsync("orders", batch);
        var (rx, _) = await client.ReceiverAsync("orders");
        rx.SetCredit(5, CreditMode.Manual, 0);
        foreach (var expected in new[] { "b1", "b2", "b3" })
        {
            var m = await rx.ReceiveAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(expected, SbClient.BodyText(m));
            rx.Accept(m);
        }
    }

    [Fact]
    public async Task Duplicate_message_ids_are_dropped_when_detection_is_on()
    {
        var settings = TestBroker.Fast() with { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1) };
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("dedupe", settings));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("dedupe", SbClient.Text("one", "same"), SbClient.Text("two", "same"), SbClient.Text("three", "other"));
        var (rx, _) = await client.ReceiverAsync("dedupe");
        rx.SetCredit(5, CreditMode.Manual, 0);
        Assert.Equal("one", SbClient.BodyText(await rx.ReceiveAsync(TimeSpan.FromSeconds(5))));
        Assert.Equal("three", SbClient.BodyText(await rx.ReceiveAsync(TimeSpan.FromSeconds(5))));
        Assert.Null(await rx.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Expired_messages_are_dead_lettered_when_configured()
    {
        var settings = TestBroker.Fast() with { DeadLetteringOnMessageExpiration = true };
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("ttl", settings));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var message = SbClient.Text("short-lived");
        message.Header = new Header { Ttl = 200 };
        await client.SendAsync("ttl", message);
        await Task.Delay(400);
        var (rx, _) = await client.ReceiverAsync("ttl");
        Assert.Null(await SbClient.ReceiveOneAsync(rx, 300));
        var (dlq, _) = await client.ReceiverAsync("ttl/$deadletterqueue");
        var dead = await SbClient.ReceiveOneAsync(dlq);
        Assert.Equal("TTLExpiredException", dead!.ApplicationProperties["DeadLetterReason"]);
    }
}
