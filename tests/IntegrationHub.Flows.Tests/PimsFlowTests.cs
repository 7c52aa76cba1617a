using IntegrationHub.Flows.Tests.Support;
using IntegrationHub.Pims;

namespace IntegrationHub.Flows.Tests;

/// <summary>PIMS end to end: server → bus → transformer → bus → sender → mock MPI (spec §2, §7, Appendix B).</summary>
public sealed class PimsFlowTests
{
    private static readonly FlowDefinition Flow = HubFlows.Pims;

    [Fact]
    public async Task The_sample_and_accepted_inputs_reach_the_MPI_as_the_PIMS_transformer_makes_them()
    {
        string[] inputs =
        [
            SharedFiles.Sample(PimsFlow.WorkflowId),
            SharedFiles.AcceptanceInput("pims", "02_a08"),
            SharedFiles.AcceptanceInput("pims", "01_a04"),
        ];
        await using var hub = await FlowHub.StartAsync(Flow);

        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(inputs.Length);
        Assert.Equal(["48209218", "48209024", "73726643"], FlowAssert.ControlIds(received));
        await FlowAssert.StoredByServerAndSenderAsync(hub, inputs, received);
        var sample = FlowAssert.DeliveredAsTransformed(Flow, inputs[0], received[0]);
        FlowAssert.DeliveredAsTransformed(Flow, inputs[1], received[1]);
        var a04 = FlowAssert.DeliveredAsTransformed(Flow, inputs[2], received[2]);

        // Spec §7.2: hard-coded applications, timezone removed, A40 → ADT_A39, v2.5, GBR / EN.
        Assert.Equal("103", sample.Get("MSH-3"));
        Assert.Equal("200", sample.Get("MSH-5"));
        Assert.Equal("20250121100427", sample.Get("MSH-7"));
        Assert.Equal("ADT^A40^ADT_A39", sample.Get("MSH-9"));
        Assert.Equal("2.5", sample.Get("MSH-12"));
        Assert.Equal("GBR", sample.Get("MSH-17"));

        // §7.4 and §7.7: NHS number from the NI repetition, PAS number as 103 PI; MRG-1 as 103 PI.
        Assert.Equal("2083964527^^^NHS^NH~N5022773^^^103^PI", sample.Get("PID-3"));
        Assert.Equal("19760121", sample.Get("PID-7"));
        Assert.Equal("1234^^^103^PI", sample.Get("MRG-1"));

        // §7 gives the whole output of the "a08" example.
        Assert.Equal(
            string.Join(
                '\n',
                "MSH|^~\\&|103|103|200|200|20241231101053||ADT^A31^ADT_A05|48209024|P|2.5|||||GBR||EN",
                "EVN||20241231101035||||20241231101035",
                "PID|||N5022039^^^103^PI||TESTER^TEST^\"\"^^MRS.||20000101|F|||MORRISTON HOSPITAL^HEOL MAES EGLWYS^CWMRHYDYCEIRW^SWANSEASWANSEA^SA6 6NL||01234567892~01234567896||||||||||||||||\"\"",
                "PD1|||^^W98006|G9310201",
                "PV1||N"),
            received[1].Payload.Replace('\r', '\n'));

        // A04 → A28 / ADT_A05 with PD1 and PV1||N (§7.5, §7.6).
        Assert.Equal("ADT^A28^ADT_A05", a04.Get("MSH-9"));
        Assert.Equal("N4000000001^^^NHS^NH~N1000001^^^103^PI", a04.Get("PID-3"));
        Assert.Equal("N", a04.Get("PV1-2"));
    }

    [Fact]
    public async Task The_fixed_PIMS_defects_hold_end_to_end()
    {
        string[] inputs =
        [
            SharedFiles.AcceptanceInput("pims", "38_pid11_absent"),
            SharedFiles.AcceptanceInput("pims", "37_repeated_segments"),
        ];
        await using var hub = await FlowHub.StartAsync(Flow);

        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(inputs.Length);
        var noAddress = FlowAssert.DeliveredAsTransformed(Flow, inputs[0], received[0]);
        var repeated = FlowAssert.DeliveredAsTransformed(Flow, inputs[1], received[1]);

        // §7.4 DEFECT fixed: no PID-11 is not an error (the reference crashed and dead-lettered it).
        Assert.Equal(string.Empty, noAddress.Get("PID-11"));
        Assert.Equal("N4000000001^^^NHS^NH~N1000001^^^103^PI", noAddress.Get("PID-3"));

        // §7.8 DEFECT fixed: every OBX and DG1 is kept, in the §7 segment order.
        Assert.Equal(["MSH", "EVN", "PID", "PD1", "PV1", "OBX", "OBX", "DG1", "DG1"], repeated.Segments.Select(s => s.Id));
        Assert.Equal("OBX|2|ST|Z||W", repeated.Segment("OBX", 2)!.ToString());
        Assert.Equal("DG1|2||D2", repeated.Segment("DG1", 2)!.ToString());
    }

    [Fact]
    public async Task A_message_the_transformer_refuses_is_retried_then_dead_lettered_and_the_messages_behind_it_get_through()
    {
        // §7.1: EVN-2 of 12 digits fails timezone removal; the server has nothing against it and ACKs it.
        var poison = SharedFiles.AcceptanceInput("pims", "22_evn2_invalid_length_fails");
        string[] behind = [SharedFiles.AcceptanceInput("pims", "02_a08"), SharedFiles.AcceptanceInput("pims", "03_a40")];
        await using var hub = await FlowHub.StartAsync(Flow, new Dictionary<string, string?>
        {
            ["RETRY_INITIAL_DELAY_MS"] = "50",
            ["RETRY_MAX_DELAY_MS"] = "200",
        });

        FlowAssert.AckedAa(await hub.SendAsync(poison), poison);
        foreach (var input in behind)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(behind.Length, TimeSpan.FromSeconds(45));
        Assert.Equal(["48209024", "73711860"], FlowAssert.ControlIds(received));
        FlowAssert.DeliveredAsTransformed(Flow, behind[0], received[0]);
        var merge = FlowAssert.DeliveredAsTransformed(Flow, behind[1], received[1]);
        Assert.Equal("00100001^^^103^PI", merge.Get("MRG-1"));

        // Appendix B: the refused message went the abandon → back-off → dead-letter way, after every delivery.
        var deadLetters = await hub.DeadLettersAsync();
        var dead = Assert.Single(deadLetters);
        Assert.Equal("73726643", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.Reason);
        Assert.Equal(poison, dead.Body);
        Assert.True(dead.DeliveryCount >= hub.MaxDeliveryCount, $"dead-lettered after {dead.DeliveryCount} deliveries");
        Assert.DoesNotContain(await hub.ReceivedAsync(), r => r.ControlId == "73726643");
    }

    [Fact]
    public async Task Messages_queued_behind_a_refused_message_before_the_transformer_starts_still_get_through()
    {
        // As the previous test, but all three wait on the queue first, so the transformer's first receive gets
        // them in one batch (after a restart or an outage, the usual case).
        var poison = SharedFiles.AcceptanceInput("pims", "22_evn2_invalid_length_fails");
        string[] behind = [SharedFiles.AcceptanceInput("pims", "02_a08"), SharedFiles.AcceptanceInput("pims", "03_a40")];
        await using var hub = await FlowHub.StartAsync(
            Flow,
            new Dictionary<string, string?> { ["RETRY_INITIAL_DELAY_MS"] = "50", ["RETRY_MAX_DELAY_MS"] = "200" },
            holdTransformer: true);
        foreach (var input in (string[])[poison, .. behind])
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        await hub.StartTransformerAsync();

        var received = await hub.WaitForMpiAsync(behind.Length, TimeSpan.FromSeconds(30));
        Assert.Equal(["48209024", "73711860"], FlowAssert.ControlIds(received));
        var deadLetters = await hub.DeadLettersAsync();
        Assert.Equal(["73726643"], deadLetters.Select(m => m.MessageId));
    }
}
