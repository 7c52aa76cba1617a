namespace IntegrationHub.Chemo.Tests;

/// <summary>The flow's local-run facts (spec §1, §21; own sender queue by design).</summary>
public sealed class ChemoFlowTests
{
    [Fact]
    public void Facts_match_the_local_environment()
    {
        Assert.Equal("chemocare-to-mpi", ChemoFlow.WorkflowId);
        Assert.Equal("245,212,192,224", ChemoFlow.SendingApps);
        Assert.Equal(["245", "212", "192", "224"], ChemoFlow.SendingAppList);
        Assert.Equal("2.4", ChemoFlow.Hl7Version);
        Assert.Equal("chemo", ChemoFlow.ValidationFlow);
        Assert.Equal(2578, ChemoFlow.MllpPort);
        Assert.Equal("local-inthub-chemo-transformer-ingress", ChemoFlow.ServerEgressQueue);
        Assert.Equal("chemocare-to-mpi", ChemoFlow.ServerEgressSession);
        Assert.Equal("local-inthub-chemo-sender-ingress", ChemoFlow.TransformerEgressQueue);
        Assert.Equal("mpi", ChemoFlow.TransformerEgressSession);
        Assert.Equal("chemocare_hl7_server", ChemoFlow.ServerMicroserviceId);
        Assert.Equal("chemo_hl7_transformer", ChemoFlow.TransformerMicroserviceId);
        Assert.Equal("chemo_hl7_sender", ChemoFlow.SenderMicroserviceId);
        Assert.Equal("CHEMO", ChemoFlow.HealthBoard);
        Assert.Equal("MPI", ChemoFlow.PeerService);
    }

    [Fact]
    public void Sending_app_list_is_the_split_allow_list()
    {
        Assert.Equal(ChemoFlow.SendingApps.Split(',', StringSplitOptions.TrimEntries), ChemoFlow.SendingAppList);
    }
}
