using IntegrationHub.AppHost.Testing;
using IntegrationHub.Chemo;
using IntegrationHub.EndToEnd.Support;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Paris;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.EndToEnd;

/// <summary>
/// Each flow's sample through the running hub: MLLP in → ACK AA → bus → transformer → bus → sender → mock MPI,
/// which must receive what the flow's rules make of it, with the spec's key mapped fields (§5–§7, §18.1).
/// </summary>
[Collection(SharedHub.Name)]
public sealed class FlowSampleTests(HubFixture fixture)
{
    private readonly HubTestHost _hub = fixture.Hub;

    [Fact]
    public async Task The_PHW_sample_reaches_the_MPI_transformed()
    {
        var delivered = await SendAndReceiveAsync("phw", Messages.Sample(PhwFlow.WorkflowId), new PhwTransformer());

        // §5.1: MSH-7 reformatted to yyyyMMddHHmmss, the rest of MSH copied (PHW keeps MSH-12 and MSH-21).
        Assert.Equal("20250505232332", delivered.Get("MSH-7"));
        Assert.Equal("ADT^A31^ADT_A05", delivered.Get("MSH-9"));
        Assert.Equal("2.5", delivered.Get("MSH-12"));
        Assert.Equal("ITKv1.0", delivered.Get("MSH-21"));

        // §5.3: PID copied with its identifiers untouched.
        Assert.Equal("8888888^^^252^PI~4444444444^^^NHS^NH", delivered.Get("PID-3"));
        Assert.Equal("19990101", delivered.Get("PID-7"));
    }

    [Fact]
    public async Task The_Chemocare_sample_reaches_the_MPI_mapped_to_v2_5()
    {
        var delivered = await SendAndReceiveAsync("chemo", Messages.Sample(ChemoFlow.WorkflowId), new ChemoTransformer());

        // §6.1: ADT^A28 v2.4 becomes ADT^A28^ADT_A05 v2.5; MSH-3 first component only.
        Assert.Equal("ADT^A28^ADT_A05", delivered.Get("MSH-9"));
        Assert.Equal("2.5", delivered.Get("MSH-12"));
        Assert.Equal("224", delivered.Get("MSH-3"));

        // §6.3: PID-3 rebuilt from PID-2 and the board (224 → VCC); PID-2 consumed.
        Assert.Equal("1000000001^^^NHS^NH~VCC1000000001^^^224^PI", delivered.Get("PID-3"));
        Assert.Equal(string.Empty, delivered.Get("PID-2"));
        Assert.Equal("G7000001", delivered.Get("PD1-4"));
    }

    [Fact]
    public async Task The_PIMS_sample_reaches_the_MPI_mapped_to_v2_5()
    {
        var delivered = await SendAndReceiveAsync("pims", Messages.Sample(PimsFlow.WorkflowId), new PimsTransformer());

        // §7.2: hard-coded applications, timezone removed, A40 → ADT_A39, v2.5, GBR.
        Assert.Equal("103", delivered.Get("MSH-3"));
        Assert.Equal("200", delivered.Get("MSH-5"));
        Assert.Equal("20250121100427", delivered.Get("MSH-7"));
        Assert.Equal("ADT^A40^ADT_A39", delivered.Get("MSH-9"));
        Assert.Equal("2.5", delivered.Get("MSH-12"));
        Assert.Equal("GBR", delivered.Get("MSH-17"));

        // §7.4, §7.7: NHS number from the NI repetition, PAS number as 103 PI; MRG-1 as 103 PI.
        Assert.Equal("2083964527^^^NHS^NH~N5022773^^^103^PI", delivered.Get("PID-3"));
        Assert.Equal("1234^^^103^PI", delivered.Get("MRG-1"));
    }

    [Fact]
    public async Task The_Paris_sample_reaches_the_MPI_unchanged()
    {
        var delivered = await SendAndReceiveAsync("paris", Messages.Sample(ParisFlow.WorkflowId), transformer: null);

        // §18.1: no transformer — MSH-12 stays 2.5.1, identifiers untouched.
        Assert.Equal("2.5.1", delivered.Get("MSH-12"));
        Assert.Equal("169", delivered.Get("MSH-3"));
        Assert.Equal("700001^^^169^PI", delivered.Get("PID-3"));
    }

    /// <summary>
    /// Sends <paramref name="input"/>, checks the ACK, waits for the MPI to accept it and checks it received exactly
    /// what the flow's own rules make of the input (the input itself for a flow without a transformer).
    /// </summary>
    private async Task<Hl7Message> SendAndReceiveAsync(string flow, string input, IHl7Transformer? transformer)
    {
        var controlId = Hl7Message.Parse(input).Get("MSH-10");
        HubAssert.AckedAa(await _hub.SendAsync(flow, input), controlId);

        var received = Assert.Single(await _hub.MockMpi.WaitForAcceptedAsync(1, m => m.ControlId == controlId));
        var expected = transformer is null ? input : transformer.Transform(Hl7Message.Parse(input), DateTime.Now).Output.EncodeNormalized();
        Assert.Equal(Readable(expected), Readable(received.Payload));
        return Hl7Message.Parse(received.Payload);
    }

    // One segment a line, so a failed comparison shows which segment differs.
    private static string Readable(string er7) => er7.Replace('\r', '\n');
}
