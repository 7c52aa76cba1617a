using IntegrationHub.Flows.Tests.Support;
using IntegrationHub.Paris;

namespace IntegrationHub.Flows.Tests;

/// <summary>Paris end to end: server → bus → sender → mock MPI, no transformer (spec §18.1).</summary>
public sealed class ParisFlowTests
{
    private static readonly FlowDefinition Flow = HubFlows.Paris;

    [Fact]
    public async Task The_sample_and_accepted_inputs_reach_the_MPI_unchanged()
    {
        string[] inputs =
        [
            SharedFiles.Sample(ParisFlow.WorkflowId),
            SharedFiles.ReadMessage("acceptance-inputs", "server", "paris_a40_merge.in.hl7"),
            SharedFiles.ReadMessage("acceptance-inputs", "validation", "paris_a05_schema_validation_successfull.in.hl7"),
        ];
        await using var hub = await FlowHub.StartAsync(Flow);

        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(inputs.Length);
        Assert.Equal(["185352920250619115040", "PARISA40", "185352620250619115001"], FlowAssert.ControlIds(received));
        await FlowAssert.StoredByServerAndSenderAsync(hub, inputs, received);
        var sample = FlowAssert.DeliveredAsTransformed(Flow, inputs[0], received[0]);
        var merge = FlowAssert.DeliveredAsTransformed(Flow, inputs[1], received[1]);
        FlowAssert.DeliveredAsTransformed(Flow, inputs[2], received[2]);

        // §18.1: the MPI gets the message as Paris sent it — MSH-12 stays 2.5.1, identifiers untouched.
        Assert.Equal("2.5.1", sample.Get("MSH-12"));
        Assert.Equal("ADT_A05", sample.Get("MSH-9.3"));
        Assert.Equal("169", sample.Get("MSH-3"));
        Assert.Equal("700001^^^169^PI", sample.Get("PID-3"));
        Assert.Equal("ADT_A39", merge.Get("MSH-9.3"));
        Assert.Equal("700002^^^169^PI", merge.Get("MRG-1"));
    }
}
