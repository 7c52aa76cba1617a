using System.Diagnostics;
using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>How a send reports every outcome other than acceptance (spec §3.4; the reference's ⚠ DEFECT in §10.2).</summary>
public sealed class SendOutcomeTests
{
    private static IBusClient Client(ScriptedBroker broker, TimeSpan? timeout = null) => BusClientFactory.Create(new BusClientOptions
    {
        ConnectionString = broker.ConnectionString,
        OperationTimeout = timeout ?? TimeSpan.FromSeconds(5),
    });

    [Fact]
    public async Task Send_that_is_never_confirmed_fails_with_timeout_instead_of_reporting_success()
    {
        using var broker = new ScriptedBroker { Silent = true };
        await using var client = Client(broker, TimeSpan.FromSeconds(1));
        await using var sender = client.CreateSender("q");

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));

        Assert.Equal(BusFailureReason.Timeout, error.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(1, broker.SendsReceived);
    }

    [Fact]
    public async Task Accepted_send_returns()
    {
        using var broker = new ScriptedBroker();
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");
        await sender.SendAsync(OutgoingMessage.FromText("x"));
        await sender.SendBatchAsync([OutgoingMessage.FromText("a"), OutgoingMessage.FromText("b")]);
        Assert.Equal(2, broker.SendsReceived);
    }

    [Theory]
    [InlineData("amqp:not-allowed", BusFailureReason.NotAllowed)]
    [InlineData("amqp:link:message-size-exceeded", BusFailureReason.MessageSizeExceeded)]
    [InlineData("amqp:unauthorized-access", BusFailureReason.Unauthorized)]
    [InlineData("amqp:not-found", BusFailureReason.EntityNotFound)]
    [InlineData("com.example:something-else", BusFailureReason.General)]
    public async Task Rejection_surfaces_as_a_typed_error_without_retry(string condition, BusFailureReason expected)
    {
        using var broker = new ScriptedBroker { OnSend = _ => ScriptedBroker.Condition(condition, "refused for the test") };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));

        Assert.Equal(expected, error.Reason);
        Assert.Equal(condition, error.Condition);
        Assert.Contains("refused for the test", error.Message, StringComparison.Ordinal);
        Assert.Equal(expected == BusFailureReason.General ? 3 : 1, broker.SendsReceived);
    }

    [Fact]
    public async Task Busy_broker_is_retried_three_times_then_reported()
    {
        using var broker = new ScriptedBroker { OnSend = _ => ScriptedBroker.Condition("com.microsoft:server-busy", "slow down") };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));

        Assert.Equal(BusFailureReason.ServiceBusy, error.Reason);
        Assert.Equal(3, broker.SendsReceived);
    }

    [Fact]
    public async Task Transient_rejection_followed_by_acceptance_succeeds()
    {
        var calls = 0;
        using var broker = new ScriptedBroker
        {
            OnSend = _ => Interlocked.Increment(ref calls) == 1 ? ScriptedBroker.Condition("com.microsoft:server-busy", "once") : null,
        };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");

        await sender.SendAsync(OutgoingMessage.FromText("x"));
        Assert.Equal(2, broker.SendsReceived);
    }

    [Fact]
    public async Task Message_over_the_advertised_size_is_refused_before_sending()
    {
        using var broker = new ScriptedBroker { MaxMessageSize = 1024 };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(new OutgoingMessage(new byte[4096])));

        Assert.Equal(BusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Equal(0, broker.SendsReceived);
    }

    [Fact]
    public async Task Many_messages_are_split_into_batches_that_fit_the_advertised_size()
    {
        using var broker = new ScriptedBroker { MaxMessageSize = 2048 };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");
        var messages = Enumerable.Range(0, 10).Select(_ => new OutgoingMessage(new byte[300])).ToList();

        var sent = await sender.SendInBatchesAsync(messages);

        Assert.Equal(10, sent);
        Assert.InRange(broker.SendsReceived, 2, 9); // more than one transfer, fewer than one per message
        Assert.All(broker.TransferSizes, size => Assert.True(size <= 2048, $"{size} bytes"));
    }

    [Fact]
    public async Task A_single_message_too_large_for_any_batch_is_named()
    {
        using var broker = new ScriptedBroker { MaxMessageSize = 2048 };
        await using var client = Client(broker);
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendInBatchesAsync([OutgoingMessage.FromText("ok"), new OutgoingMessage(new byte[4000])]));

        Assert.Equal(BusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.StartsWith("Single message exceeds Service Bus max message size for 'q'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_broker_fails_within_the_operation_timeout()
    {
        int port;
        using (var broker = new ScriptedBroker())
        {
            port = broker.Port;
        }

        await using var client = BusClientFactory.Create(new BusClientOptions
        {
            ConnectionString = $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true",
            OperationTimeout = TimeSpan.FromSeconds(1),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
        });
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<BusException>(() => sender.SendAsync(OutgoingMessage.FromText("x")));
        Assert.Equal(BusFailureReason.Timeout, error.Reason);
    }
}
