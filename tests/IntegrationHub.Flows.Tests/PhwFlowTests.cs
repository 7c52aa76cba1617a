using IntegrationHub.Flows.Tests.Support;
using IntegrationHub.Mllp;
using IntegrationHub.Phw;

namespace IntegrationHub.Flows.Tests;

/// <summary>PHW end to end: server → bus → transformer → bus → sender → mock MPI (spec §2, §5).</summary>
public sealed class PhwFlowTests
{
    private static readonly FlowDefinition Flow = HubFlows.Phw;

    [Fact]
    public async Task The_sample_and_accepted_inputs_reach_the_MPI_as_the_PHW_transformer_makes_them()
    {
        string[] inputs =
        [
            SharedFiles.Sample(PhwFlow.WorkflowId),
            SharedFiles.AcceptanceInput("phw", "25_a40_adt_a39_merge"),
            SharedFiles.AcceptanceInput("phw", "26_repeating_fields_in_copied_segments"),
            SharedFiles.AcceptanceInput("phw", "19_escapes_and_subcomponents_preserved"),
        ];
        await using var hub = await FlowHub.StartAsync(Flow);

        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(inputs.Length);
        Assert.Equal(["202505052323364444444444", "CTRL25", "CTRL26", "CTRL19"], FlowAssert.ControlIds(received));
        await FlowAssert.StoredByServerAndSenderAsync(hub, inputs, received);
        var sample = FlowAssert.DeliveredAsTransformed(Flow, inputs[0], received[0]);
        var merge = FlowAssert.DeliveredAsTransformed(Flow, inputs[1], received[1]);
        var repeats = FlowAssert.DeliveredAsTransformed(Flow, inputs[2], received[2]);
        var escapes = FlowAssert.DeliveredAsTransformed(Flow, inputs[3], received[3]);

        // Spec §5.1: MSH-7 reformatted to yyyyMMddHHmmss, everything else in MSH copied (PHW keeps MSH-12).
        Assert.Equal("20250505232332", sample.Get("MSH-7"));
        Assert.Equal("ADT_A05", sample.Get("MSH-9.3"));
        Assert.Equal("2.5", sample.Get("MSH-12"));
        Assert.Equal("ITKv1.0", sample.Get("MSH-21"));

        // §5.3: PID copied, identifiers untouched.
        Assert.Equal("8888888^^^252^PI~4444444444^^^NHS^NH", sample.Get("PID-3"));
        Assert.Equal("19990101", sample.Get("PID-7"));
        Assert.Equal("^^W00000", sample.Get("PD1-3"));

        // §5.4 DEFECT 2 fixed: an A40 with the ADT_A39 structure is copied flat, MRG kept.
        Assert.Equal("ADT_A39", merge.Get("MSH-9.3"));
        Assert.Equal("2.5", merge.Get("MSH-12"));
        Assert.Equal("7777777^^^252^PI", merge.Get("MRG-1"));

        // §5.4 DEFECT 1 fixed: N repetitions stay N.
        Assert.Equal("G1~G2", repeats.Get("PD1-4"));
        Assert.Equal("^^W1~^^W2", repeats.Get("PD1-3"));

        // §4.3: escapes and sub-components cross the bus and both MLLP hops untouched.
        Assert.Equal("1^^^252&1.2.3&ISO^PI", escapes.Get("PID-3"));
        Assert.Equal("O\\S\\BRIEN&VAN^A\\T\\B", escapes.Get("PID-5"));
        Assert.Equal("X\\F\\Y", escapes.Get("NK1-2"));
    }

    [Fact]
    public async Task A_message_without_MSH7_is_delivered_with_the_transformer_time()
    {
        var input = SharedFiles.AcceptanceInput("phw", "24_msh7_missing");
        await using var hub = await FlowHub.StartAsync(Flow);

        FlowAssert.AckedAa(await hub.SendAsync(input), input);

        var received = await hub.WaitForMpiAsync(1);
        var delivered = FlowAssert.DeliveredAsTransformed(Flow, input, Assert.Single(received));
        Assert.Equal("2024-12-31", delivered.Get("PID-29"));
        Assert.Equal("ADT_A05", delivered.Get("MSH-9.3"));
        Assert.Equal("2.5", delivered.Get("MSH-12"));
    }

    [Theory]
    [InlineData("phw_dob_bad_feb30")]
    [InlineData("phw_dob_bad_year_1453")]
    public async Task The_server_refuses_a_bad_date_of_birth_and_nothing_reaches_the_MPI(string name)
    {
        var refused = SharedFiles.ReadMessage("acceptance-inputs", "server", name + ".in.hl7");
        var accepted = SharedFiles.ReadMessage("acceptance-inputs", "server", "phw_dob_ok_18000101.in.hl7");
        await using var hub = await FlowHub.StartAsync(Flow);

        // Spec §2.5 and §2.9: the PHW date-of-birth rule fails → the connection closes without a byte.
        var result = await hub.SendAsync(refused);
        Assert.Equal(MllpSendStatus.ConnectionClosed, result.Status);
        Assert.Null(result.Response);

        // The flow is FIFO: once the message sent after it has arrived, the refused one can no longer be on its way.
        FlowAssert.AckedAa(await hub.SendAsync(accepted), accepted);
        var received = await hub.WaitForMpiAsync(1);
        var delivered = FlowAssert.DeliveredAsTransformed(Flow, accepted, Assert.Single(received));
        Assert.Equal("18000101", delivered.Get("PID-7"));
        Assert.Empty(await hub.DeadLettersAsync());
    }
}
