using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Bus;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Sender;
using IntegrationHub.Runtime.Tests.Support;

namespace IntegrationHub.Runtime.Tests.Sender;

/// <summary>The sender host on the real broker delivering over real MLLP to a destination listener (spec §8).</summary>
public sealed class SenderHostTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    /// <summary>A destination that records what it gets and answers as told per control id.</summary>
    private sealed class Destination : IAsyncDisposable
    {
        private readonly MllpListener _listener;

        private Destination(MllpListener listener) => _listener = listener;

        public ConcurrentQueue<string> Received { get; } = new();

        public ConcurrentDictionary<string, int> NegativeAnswersLeft { get; } = new();

        public int Port => _listener.LocalEndPoint.Port;

        public static async Task<Destination> StartAsync(int port = 0)
        {
            Destination? destination = null;
            var listener = new MllpListener(
                new MllpListenerOptions { Port = port, KeepConnectionOpen = true },
                (request, _) => ValueTask.FromResult<MllpResponse?>(destination!.Answer(Encoding.UTF8.GetString(request.Payload.Span))));
            destination = new Destination(listener);
            await listener.StartAsync();
            return destination;
        }

        public ValueTask DisposeAsync() => _listener.DisposeAsync();

        private MllpResponse Answer(string payload)
        {
            Received.Enqueue(payload);
            var message = Hl7Message.Parse(payload);
            var controlId = message.Get("MSH-10");
            var negative = NegativeAnswersLeft.TryGetValue(controlId, out var left) && left > 0 && NegativeAnswersLeft.TryUpdate(controlId, left - 1, left);
            return MllpResponse.Payload(Hl7AckBuilder.Build(message, negative ? Hl7AckCode.AE : Hl7AckCode.AA));
        }
    }

    private static string Message(string controlId) =>
        $"MSH|^~\\&|HUB|HUB|MPI|MPI|20250101||ADT^A28^ADT_A05|{controlId}|P|2.5\rPID|||123^^^252^PI||SURNAME";

    private async Task EnqueueAsync(string session, params string[] controlIds)
    {
        var sender = broker.Client.CreateSender(BrokerFixture.SenderIngress);
        foreach (var id in controlIds)
        {
            await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(Message(id))) { SessionId = session, MessageId = id });
        }
    }

    private static string TempDirectory() => Path.Combine(Path.GetTempPath(), $"sender-state-{Guid.NewGuid():N}");

    [Fact]
    public async Task Messages_are_delivered_in_order_and_completed_on_AA()
    {
        await using var destination = await Destination.StartAsync();
        await EnqueueAsync("in-order", "S1", "S2", "S3", "S4", "S5");

        var host = await ServiceHost.StartAsync(broker.SenderVariables("in-order", destination.Port, TempDirectory()), b => b.AddHl7Sender());
        var done = await ServiceHost.EventuallyAsync(() => destination.Received.Count >= 5);
        await ServiceHost.StopAsync(host);

        Assert.True(done);
        Assert.Equal(["S1", "S2", "S3", "S4", "S5"], destination.Received.Select(p => Hl7Message.Parse(p).Get("MSH-10")));
        Assert.Equal(Message("S1"), destination.Received.First());
        Assert.Empty(await broker.DrainAsync(BrokerFixture.SenderIngress, "in-order", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_negative_ACK_keeps_the_message_at_the_head_until_it_is_accepted()
    {
        await using var destination = await Destination.StartAsync();
        destination.NegativeAnswersLeft["N1"] = 2;
        await EnqueueAsync("nack", "N1", "N2");

        var host = await ServiceHost.StartAsync(broker.SenderVariables("nack", destination.Port, TempDirectory()), b => b.AddHl7Sender());
        var done = await ServiceHost.EventuallyAsync(() => destination.Received.Any(p => p.Contains("|N2|", StringComparison.Ordinal)));
        await ServiceHost.StopAsync(host);

        Assert.True(done);
        Assert.Equal(["N1", "N1", "N1", "N2"], destination.Received.Select(p => Hl7Message.Parse(p).Get("MSH-10")));
    }

    [Fact]
    public async Task A_message_already_delivered_is_completed_without_sending_it_again_but_a_reused_control_id_is_not()
    {
        await using var destination = await Destination.StartAsync();
        var state = TempDirectory();
        using (var log = new DeliveredLog(state, TimeSpan.FromHours(1), TimeProvider.System))
        {
            // As if the sender had crashed after the destination's ACK and before completing the bus message.
            log.Record("D1", Encoding.UTF8.GetBytes(Message("D1")));
        }

        await EnqueueAsync("dedup", "D1", "D2");

        // A different message that reuses a control id is not a duplicate.
        var sender = broker.Client.CreateSender(BrokerFixture.SenderIngress);
        await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(Message("D1") + "X")) { SessionId = "dedup", MessageId = "D1" });
        var host = await ServiceHost.StartAsync(broker.SenderVariables("dedup", destination.Port, state), b => b.AddHl7Sender());
        var done = await ServiceHost.EventuallyAsync(() => destination.Received.Count >= 2);
        await Task.Delay(300);
        await ServiceHost.StopAsync(host);

        Assert.True(done);
        Assert.Equal(["D2", "D1"], destination.Received.Select(p => Hl7Message.Parse(p).Get("MSH-10")));
        Assert.EndsWith("X", destination.Received.Last(), StringComparison.Ordinal);
        Assert.Empty(await broker.DrainAsync(BrokerFixture.SenderIngress, "dedup", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_sender_in_a_new_container_does_not_send_again_what_the_session_state_marks_delivered()
    {
        await using var destination = await Destination.StartAsync();
        await EnqueueAsync("replaced", "R1", "R2");

        // As a sender leaves it when its container dies after the destination's ACK of R1 and before completing R1:
        // R1 marked delivered in the session state (the processor's "handled:<sequence number>"), R1 still on the bus.
        await using (var previous = await broker.Client.CreateReceiverAsync(ReceiverOptions.ForSession(BrokerFixture.SenderIngress, "replaced")))
        {
            var r1 = (await previous.ReceiveAsync(1, TimeSpan.FromSeconds(5))).Single();
            await previous.SetSessionStateAsync(Encoding.UTF8.GetBytes($"handled:{r1.SequenceNumber}"));
        }

        // Its replacement starts with an empty state folder: its own duplicate log knows nothing of R1.
        var host = await ServiceHost.StartAsync(broker.SenderVariables("replaced", destination.Port, TempDirectory()), b => b.AddHl7Sender());
        var done = await ServiceHost.EventuallyAsync(() => !destination.Received.IsEmpty);
        await Task.Delay(300);
        await ServiceHost.StopAsync(host);

        Assert.True(done);
        Assert.Equal(["R2"], destination.Received.Select(p => Hl7Message.Parse(p).Get("MSH-10")));
        Assert.Empty(await broker.DrainAsync(BrokerFixture.SenderIngress, "replaced", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task While_the_destination_is_down_messages_stay_on_the_bus_without_using_delivery_counts()
    {
        var port = FreePort();
        await EnqueueAsync("outage", "O1");
        var host = await ServiceHost.StartAsync(broker.SenderVariables("outage", port, TempDirectory()), b => b.AddHl7Sender());
        await Task.Delay(2500);

        await using var destination = await Destination.StartAsync(port);
        var done = await ServiceHost.EventuallyAsync(() => !destination.Received.IsEmpty, TimeSpan.FromSeconds(40));
        await ServiceHost.StopAsync(host);

        Assert.True(done);
        Assert.Equal("O1", Hl7Message.Parse(Assert.Single(destination.Received)).Get("MSH-10"));
        Assert.Empty(await broker.DrainAsync(ReceiverOptions.DeadLetterPath(BrokerFixture.SenderIngress), wait: TimeSpan.FromMilliseconds(300)));
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task The_time_since_the_server_received_a_message_is_recorded_on_delivery()
    {
        const string Session = "latency";
        var latencies = new ConcurrentQueue<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "message_latency_seconds")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "microservice_id" && Equals(tag.Value, "latency_sender"))
                {
                    latencies.Enqueue(value);
                }
            }
        });
        listener.Start();
        await using var destination = await Destination.StartAsync();
        var sender = broker.Client.CreateSender(BrokerFixture.SenderIngress);
        var receivedAt = DateTimeOffset.UtcNow.AddSeconds(-30);
        await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(Message("L1")))
        {
            SessionId = Session,
            MessageId = "L1",
            ApplicationProperties = { ["MessageReceivedAt"] = IntegrationHub.Runtime.Server.TrackingProperties.FormatTimestamp(receivedAt) },
        });
        await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(Message("L2"))) { SessionId = Session, MessageId = "L2" });

        var variables = broker.SenderVariables(Session, destination.Port, TempDirectory());
        variables["MICROSERVICE_ID"] = "latency_sender";
        var host = await ServiceHost.StartAsync(variables, b => b.AddHl7Sender());
        var done = await ServiceHost.EventuallyAsync(() => destination.Received.Count >= 2);
        await ServiceHost.StopAsync(host);

        // L1 spent at least 30 s in the hub; L2 has no stamp, so it is not measured.
        Assert.True(done);
        var latency = Assert.Single(latencies);
        Assert.InRange(latency, 30, 300);
    }
}
