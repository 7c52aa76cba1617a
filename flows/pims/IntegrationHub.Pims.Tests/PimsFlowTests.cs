namespace IntegrationHub.Pims.Tests;

/// <summary>The PIMS flow's local facts (spec §1, §21; own sender and post-transform queue by design).</summary>
public class PimsFlowTests
{
    [Fact]
    public void Local_run_facts()
    {
        Assert.Equal("pims-to-mpi", PimsFlow.WorkflowId);
        Assert.Equal("PIMS", PimsFlow.SendingApp);
        Assert.Equal("2.3.1", PimsFlow.Hl7Version);
        Assert.Equal("pims", PimsFlow.ValidationFlow);
        Assert.Equal(2579, PimsFlow.MllpPort);
        Assert.Equal("local-inthub-pims-transformer-ingress", PimsFlow.PreTransformQueue);
        Assert.Equal("pims-to-mpi", PimsFlow.PreTransformSessionId);
        Assert.Equal("local-inthub-pims-sender-ingress", PimsFlow.PostTransformQueue);
        Assert.Equal("mpi", PimsFlow.PostTransformSessionId);
        Assert.Equal("pims_hl7_server", PimsFlow.ServerMicroserviceId);
        Assert.Equal("pims_hl7_transformer", PimsFlow.TransformerMicroserviceId);
        Assert.Equal("pims_hl7_sender", PimsFlow.SenderMicroserviceId);
        Assert.Equal("PIMS", PimsFlow.HealthBoard);
        Assert.Equal("MPI", PimsFlow.PeerService);
    }

    [Fact]
    public void The_pims_sample_is_valid_for_its_flow_and_transforms()
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", "pims-to-mpi.sample.hl7"));
        Assert.Equal(PimsFlow.SendingApp, message.Get("MSH-3"));
        Assert.Equal(PimsFlow.Hl7Version, message.Get("MSH-12"));
        Assert.Equal(IntegrationHub.Hl7.Rules.StructureValidationOutcome.Valid, PimsStructures.Validation.Validate(message).Outcome);
        var output = new PimsTransformer().Transform(message, Pims.Now).Output.EncodeNormalized();
        Assert.StartsWith("MSH|^~\\&|103|103|200|200|20250121100427||ADT^A40^ADT_A39|48209218|P|2.5|||||GBR||EN\r", output, StringComparison.Ordinal);
        Assert.EndsWith("\rMRG|1234^^^103^PI", output, StringComparison.Ordinal);
    }
}
