using System.Text;
using IntegrationHub.Interop.Tests.Support;
using IntegrationHub.Runtime.Tests.Support;

namespace IntegrationHub.Interop.Tests;

/// <summary>python3-hl7's mllp_send (Debian) sending to the hub's HL7 server on the real broker (spec §2).</summary>
public sealed class MllpSendToServerTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Mllp_send_gets_AA_for_each_sample_and_each_is_on_the_queue()
    {
        await using var server = await ServerHost.StartAsync(ServerHost.Variables(broker));
        var controlIds = Enumerable.Range(0, 3).Select(_ => SampleMessages.NewControlId("PY")).ToList();

        // One mllp_send per message: the hub takes one message per connection (spec §2.2). Each file is as a source
        // system exports it, LF line ends; --loose turns them into CR-separated segments.
        foreach (var id in controlIds)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hub-interop-{id}.hl7");
            await File.WriteAllTextAsync(file, SampleMessages.Phw(id).Replace('\r', '\n') + "\n");
            try
            {
                await using var peer = PeerProcess.Start(Peers.MllpSend, null, "--loose", "--file", file, "--port", server.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "127.0.0.1");
                var exitCode = await peer.WaitForExitAsync(TimeSpan.FromSeconds(60));
                Assert.True(exitCode == 0, $"mllp_send exited {exitCode}: {peer.Errors}");

                // mllp_send prints the ACK it received; its segments are CR-separated, so they arrive as separate lines.
                Assert.Equal([$"MSA|AA|{id}"], peer.Output.Where(line => line.StartsWith("MSA|", StringComparison.Ordinal)));
            }
            finally
            {
                File.Delete(file);
            }
        }

        var queued = await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi");
        Assert.Equal(controlIds, queued.Select(m => m.MessageId));
        Assert.Equal(controlIds.Select(SampleMessages.Phw), queued.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }
}
