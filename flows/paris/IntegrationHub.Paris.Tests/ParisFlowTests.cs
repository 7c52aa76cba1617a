namespace IntegrationHub.Paris.Tests;

/// <summary>The Paris flow's local facts (spec §1, §18.1, §21; own sender and post-transform queue by design).</summary>
public class ParisFlowTests
{
    [Fact]
    public void Local_run_facts()
    {
        Assert.Equal("paris-to-mpi", ParisFlow.WorkflowId);
        Assert.Equal("169", ParisFlow.SendingApp);
        Assert.Equal("2.5.1", ParisFlow.Hl7Version);
        Assert.Equal("paris", ParisFlow.ValidationFlow);
        Assert.Equal(2577, ParisFlow.MllpPort);
        Assert.Equal("local-inthub-paris-sender-ingress", ParisFlow.PostTransformQueue);
        Assert.Equal("mpi", ParisFlow.PostTransformSessionId);
        Assert.Equal("paris_hl7_server", ParisFlow.ServerMicroserviceId);
        Assert.Equal("paris_hl7_sender", ParisFlow.SenderMicroserviceId);
        Assert.Equal("PARIS", ParisFlow.HealthBoard);
        Assert.Equal("MPI", ParisFlow.PeerService);
    }

    [Fact]
    public void The_paris_sample_is_valid_for_its_flow()
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", "paris-to-mpi.sample.hl7"));
        Assert.Equal(ParisFlow.SendingApp, message.Get("MSH-3"));
        Assert.Equal(ParisFlow.Hl7Version, message.Get("MSH-12"));
        Assert.Equal(IntegrationHub.Hl7.Rules.StructureValidationOutcome.Valid, ParisStructures.Validation.Validate(message).Outcome);
    }
}
