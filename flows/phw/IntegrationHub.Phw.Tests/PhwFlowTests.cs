namespace IntegrationHub.Phw.Tests;

/// <summary>The flow's local defaults (spec §1, §21, issue 5): other services and the dashboard key on these exact strings.</summary>
public sealed class PhwFlowTests
{
    [Fact]
    public void Identifies_the_flow_as_the_existing_system_does()
    {
        Assert.Equal("phw-to-mpi", PhwFlow.WorkflowId);
        Assert.Equal("252", PhwFlow.SendingApp);
        Assert.Equal("2.5", PhwFlow.Hl7Version);
        Assert.Equal("phw", PhwFlow.ValidationFlow);
        Assert.Equal(2575, PhwFlow.MllpPort);
        Assert.Equal(1_048_576, PhwFlow.MaxMessageSizeBytes);
        Assert.Equal("PHW", PhwFlow.HealthBoard);
        Assert.Equal("MPI", PhwFlow.PeerService);
    }

    [Fact]
    public void Has_its_own_queues_and_sender()
    {
        Assert.Equal("local-inthub-phw-transformer-ingress", PhwFlow.TransformerIngressQueue);
        Assert.Equal("phw-to-mpi", PhwFlow.TransformerIngressSession);
        Assert.Equal("local-inthub-phw-sender-ingress", PhwFlow.SenderIngressQueue);
        Assert.Equal("mpi", PhwFlow.SenderIngressSession);
        Assert.Equal("phw_hl7_server", PhwFlow.ServerMicroserviceId);
        Assert.Equal("phw_hl7_transformer", PhwFlow.TransformerMicroserviceId);
        Assert.Equal("phw_hl7_sender", PhwFlow.SenderMicroserviceId);
    }
}
