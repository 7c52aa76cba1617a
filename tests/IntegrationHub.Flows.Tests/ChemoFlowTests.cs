using IntegrationHub.Chemo;
using IntegrationHub.Flows.Tests.Support;

namespace IntegrationHub.Flows.Tests;

/// <summary>Chemocare end to end: server → bus → transformer → bus → sender → mock MPI (spec §2, §6).</summary>
public sealed class ChemoFlowTests
{
    private static readonly FlowDefinition Flow = HubFlows.Chemo;

    [Fact]
    public async Task The_sample_and_accepted_inputs_reach_the_MPI_as_the_Chemocare_transformer_makes_them()
    {
        string[] inputs =
        [
            SharedFiles.Sample(ChemoFlow.WorkflowId),
            SharedFiles.AcceptanceInput("chemo", "05_a31_southeast"),
            SharedFiles.AcceptanceInput("chemo", "29_a40_adt_a39_structure"),
        ];
        await using var hub = await FlowHub.StartAsync(Flow);

        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(inputs.Length);
        Assert.Equal(["951317629075403", "596887414401487", "201600952808667"], FlowAssert.ControlIds(received));
        await FlowAssert.StoredByServerAndSenderAsync(hub, inputs, received);
        var sample = FlowAssert.DeliveredAsTransformed(Flow, inputs[0], received[0]);
        var southEast = FlowAssert.DeliveredAsTransformed(Flow, inputs[1], received[1]);
        var merge = FlowAssert.DeliveredAsTransformed(Flow, inputs[2], received[2]);

        // Spec §6.1: ADT^A28 (no structure) v2.4 becomes ADT^A28^ADT_A05 v2.5, MSH-3..6 first component only.
        Assert.Equal("ADT^A28^ADT_A05", sample.Get("MSH-9"));
        Assert.Equal("2.5", sample.Get("MSH-12"));
        Assert.Equal("224", sample.Get("MSH-3"));
        Assert.Equal("20250624165855", sample.Get("MSH-7"));

        // §6.3: PID-3 rebuilt from PID-2 and the board (224 → VCC); PID-2 consumed; PID-13 XTN.3 dropped.
        Assert.Equal("1000000001^^^NHS^NH~VCC1000000001^^^224^PI", sample.Get("PID-3"));
        Assert.Equal(string.Empty, sample.Get("PID-2"));
        Assert.Equal("07000000001^PRN^^test@test.co.uk", sample.Get("PID-13(1)"));
        Assert.Equal("G7000001", sample.Get("PD1-4"));

        // 245 is South East Wales → SEWCC.
        Assert.Equal("ADT_A05", southEast.Get("MSH-9.3"));
        Assert.Equal("1000000001^^^NHS^NH~SEWCC1000000001^^^245^PI", southEast.Get("PID-3"));

        // §6.6 A40 requirement: flat parse, PID mapped, MRG kept, MSH-9.3 ADT_A39.
        Assert.Equal("ADT_A39", merge.Get("MSH-9.3"));
        Assert.Equal("2.5", merge.Get("MSH-12"));
        Assert.Equal("1000000002^^^NHS^NH~BCUCC1000000002^^^212^PI", merge.Get("PID-3"));
        Assert.Equal("1000000001^^^^NH", merge.Get("MRG-1"));
    }
}
