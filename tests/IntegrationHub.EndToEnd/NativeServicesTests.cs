using IntegrationHub.AppHost.Testing;
using IntegrationHub.EndToEnd.Support;
using IntegrationHub.Hl7;
using IntegrationHub.Phw;

namespace IntegrationHub.EndToEnd;

/// <summary>
/// The services as the containers run them — natively compiled — carry the PHW flow end to end: the MLLP server
/// validates, publishes and ACKs, the transformer maps, the sender delivers to the MPI.
/// </summary>
public sealed class NativeServicesTests(NativeBuild build) : IClassFixture<NativeBuild>
{
    [Fact]
    public async Task The_natively_compiled_PHW_services_deliver_the_sample_transformed()
    {
        await using var hub = await HubTestHost.StartAsync(new HubTestOptions
        {
            Flows = ["phw"],
            NativeDirectory = build.Directory,
            Environment = HubFixture.FastRetries,
        });

        var phw = hub.Services.Where(s => s.Name.StartsWith("phw-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, phw.Count);
        foreach (var service in phw)
        {
            Assert.True(service.IsNative, service.Name + " did not run natively");
            var executable = File.ResolveLinkTarget($"/proc/{service.ProcessId}/exe", returnFinalTarget: true)!.FullName;
            Assert.StartsWith(Path.GetFullPath(build.Directory), executable, StringComparison.Ordinal);
        }

        var input = Messages.Sample(PhwFlow.WorkflowId);
        var controlId = Hl7Message.Parse(input).Get("MSH-10");
        HubAssert.AckedAa(await hub.SendAsync("phw", input), controlId);

        var received = Assert.Single(await hub.MockMpi.WaitForAcceptedAsync(1, m => m.ControlId == controlId));
        var expected = new PhwTransformer().Transform(Hl7Message.Parse(input), DateTime.Now).Output.EncodeNormalized();
        Assert.Equal(expected.Replace('\r', '\n'), received.Payload.Replace('\r', '\n'));
    }
}
