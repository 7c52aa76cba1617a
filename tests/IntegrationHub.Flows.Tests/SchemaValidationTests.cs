using IntegrationHub.Flows.Tests.Support;

namespace IntegrationHub.Flows.Tests;

/// <summary>
/// The same path with the flow XSDs deciding instead of the code-first rules (HL7_VALIDATION_SCHEMA_DIR pointing at
/// <c>shared/hl7-schemas</c>, as issue 5 asks of the tests): each flow's sample still passes and arrives intact.
/// </summary>
public sealed class SchemaValidationTests
{
    public static TheoryData<string> Flows() => new("phw", "chemo", "pims", "paris");

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task The_sample_passes_the_flow_XSDs_and_reaches_the_MPI(string name)
    {
        var flow = name switch
        {
            "phw" => HubFlows.Phw,
            "chemo" => HubFlows.Chemo,
            "pims" => HubFlows.Pims,
            _ => HubFlows.Paris,
        };
        var sample = SharedFiles.Sample(flow.WorkflowId);
        await using var hub = await FlowHub.StartAsync(flow, new Dictionary<string, string?>
        {
            ["HL7_VALIDATION_SCHEMA_DIR"] = SharedFiles.PathOf("hl7-schemas"),
        });

        FlowAssert.AckedAa(await hub.SendAsync(sample), sample);

        var received = await hub.WaitForMpiAsync(1);
        var delivered = FlowAssert.DeliveredAsTransformed(flow, sample, Assert.Single(received));
        Assert.Equal(flow.Transformer is null ? "2.5.1" : "2.5", delivered.Get("MSH-12"));
    }
}
