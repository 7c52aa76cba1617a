using IntegrationHub.Interop.Tests.Support;
using IntegrationHub.Runtime.Tests.Support;

namespace IntegrationHub.Interop.Tests;

/// <summary>npm node-hl7-client sending to the hub's HL7 server on the real broker (spec §2).</summary>
public sealed class NodeClientToServerTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Node_hl7_client_receives_AA_for_each_message_and_each_is_on_the_queue()
    {
        await using var server = await ServerHost.StartAsync(ServerHost.Variables(broker));
        var controlIds = Enumerable.Range(0, 3).Select(_ => SampleMessages.NewControlId("NC")).ToList();
        var folder = Path.Combine(Path.GetTempPath(), $"hub-interop-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var files = new List<string>();
            foreach (var id in controlIds)
            {
                var file = Path.Combine(folder, id + ".hl7");
                await File.WriteAllTextAsync(file, SampleMessages.Phw(id));
                files.Add(file);
            }

            await using var peer = PeerProcess.Start(
                Peers.Node, Peers.NodeFolder, ["send.mjs", "127.0.0.1", server.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]);
            var exitCode = await peer.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exitCode == 0, $"node send.mjs exited {exitCode}: {peer.Errors}");
            Assert.Equal(controlIds.Select(id => $"{{\"code\":\"AA\",\"controlId\":\"{id}\"}}"), peer.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var queued = await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi");
        Assert.Equal(controlIds, queued.Select(m => m.MessageId));
    }
}
