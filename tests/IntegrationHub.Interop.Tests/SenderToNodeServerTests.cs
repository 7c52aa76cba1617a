using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Interop.Tests.Support;
using IntegrationHub.Runtime.Sender;
using IntegrationHub.Runtime.Tests.Support;

namespace IntegrationHub.Interop.Tests;

/// <summary>The hub's sender host, reading from the real broker, delivering to an npm node-hl7-server receiver (spec §8).</summary>
public sealed class SenderToNodeServerTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Sender_delivers_to_node_hl7_server_and_completes_the_message()
    {
        var port = FreePort();
        await using var receiver = PeerProcess.Start(Peers.Node, Peers.NodeFolder, "receive.mjs", port.ToString(CultureInfo.InvariantCulture));
        Assert.True(await receiver.WaitForLineAsync(line => line.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), $"node receive.mjs did not start: {receiver.Errors}");

        var session = "interop-" + Guid.NewGuid().ToString("N")[..8];
        var controlIds = Enumerable.Range(0, 3).Select(_ => SampleMessages.NewControlId("NS")).ToList();
        var queue = broker.Client.CreateSender(BrokerFixture.SenderIngress);
        foreach (var id in controlIds)
        {
            await queue.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(SampleMessages.Phw(id))) { SessionId = session, MessageId = id });
        }

        var state = Path.Combine(Path.GetTempPath(), $"hub-interop-sender-{Guid.NewGuid():N}");
        var host = await ServiceHost.StartAsync(SenderVariables(session, port, state), builder => builder.AddHl7Sender());
        try
        {
            var received = await receiver.WaitForLineAsync(_ => Received(receiver).Count >= controlIds.Count, TimeSpan.FromSeconds(60));
            Assert.True(received, $"node-hl7-server received {Received(receiver).Count} of {controlIds.Count}: {receiver.Errors}");
            var messages = Received(receiver);
            Assert.Equal(controlIds, messages.Select(m => m.ControlId));
            Assert.All(messages, m => Assert.Equal("ADT", m.MessageType));
            Assert.Equal(controlIds.Select(SampleMessages.Phw), messages.Select(m => m.Text.TrimEnd('\r')));
        }
        finally
        {
            await ServiceHost.StopAsync(host);
            Directory.Delete(state, recursive: true);
        }

        // Completed on AA: with the sender stopped (its session lock released), nothing is left to receive.
        Assert.Empty(await broker.DrainAsync(BrokerFixture.SenderIngress, session, TimeSpan.FromSeconds(3)));
    }

    private sealed record ReceivedLine(string ControlId, string MessageType, string Text);

    private static List<ReceivedLine> Received(PeerProcess receiver)
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        return receiver.Output
            .Where(line => line.Contains("\"controlId\"", StringComparison.Ordinal))
            .Select(line => JsonSerializer.Deserialize<ReceivedLine>(line, options)!)
            .ToList();
    }

    private Dictionary<string, string?> SenderVariables(string session, int port, string stateDirectory)
    {
        // A node peer answers more slowly than an in-process listener: longer ACK wait and back-off.
        var variables = broker.SenderVariables(session, port, stateDirectory);
        variables["ACK_TIMEOUT_SECONDS"] = "20";
        variables["WORKFLOW_ID"] = "interop";
        variables["MICROSERVICE_ID"] = "interop_sender";
        variables["RETRY_INITIAL_DELAY_MS"] = "200";
        variables["RETRY_MAX_DELAY_MS"] = "1000";
        return variables;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
