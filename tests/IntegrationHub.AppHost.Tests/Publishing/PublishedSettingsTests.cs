using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Publishing;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>What each container app gets: container values, no local-only settings, no secrets, probes on 9000.</summary>
public sealed class PublishedSettingsTests
{
    private static AppPlan App(string name) => PublishedHub.Plan.Apps.Single(a => a.Name == name);

    private static string? Env(AppPlan app, string name) => app.Environment.SingleOrDefault(e => e.Name == name)?.Value;

    [Fact]
    public void Every_flow_service_is_an_app_and_the_mock_mpi_stays_local()
    {
        var expected = PublishedHub.Model.Flows.SelectMany(f => f.Services).Select(s => s.Name);
        Assert.Equal(expected, PublishedHub.Plan.Apps.Select(a => a.Name));
        Assert.DoesNotContain(PublishedHub.Plan.Apps, a => a.Project.AssemblyName.Contains("MockMpi", StringComparison.Ordinal));
        Assert.DoesNotContain("mock-mpi", PublishedHub.Files["azure.yaml"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phw-server", 2575)]
    [InlineData("paris-server", 2577)]
    [InlineData("chemo-server", 2578)]
    [InlineData("pims-server", 2579)]
    public void Servers_listen_on_every_interface_at_their_spec_port_behind_internal_tcp_ingress(string name, int port)
    {
        var app = App(name);
        Assert.Equal(port, app.IngressPort);
        Assert.Equal("0.0.0.0", Env(app, "HOST"));
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), Env(app, "PORT"));
        Assert.True(app.Replicas.Max > 1);
    }

    [Fact]
    public void Ordered_consumers_have_no_ingress_and_exactly_one_replica_and_every_app_probes_9000()
    {
        foreach (var app in PublishedHub.Plan.Apps)
        {
            Assert.Equal(9000, app.HealthPort);
            Assert.Equal("9000", Env(app, "HEALTH_CHECK_PORT"));
            Assert.Equal("0.0.0.0", Env(app, "HEALTH_CHECK_HOST"));
            if (app.Role is ServiceRole.Transformer or ServiceRole.Sender)
            {
                Assert.Null(app.IngressPort);
                Assert.Equal((1, 1), (app.Replicas.Min, app.Replicas.Max));
            }
        }

        Assert.Contains("transport: 'tcp'", PublishedHub.Files["infra/app.bicep"], StringComparison.Ordinal);
        Assert.Contains("external: false", PublishedHub.Files["infra/app.bicep"], StringComparison.Ordinal);
        Assert.Contains("internal: true", PublishedHub.Files["infra/platform.bicep"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_app_starts_its_runtime_with_the_small_gen0_budget()
    {
        foreach (var app in PublishedHub.Plan.Apps)
        {
            Assert.Equal(IntegrationHub.ServiceDefaults.Configuration.ServiceProcessEnvironment.GcGen0Size, Env(app, "DOTNET_GCgen0size"));
        }

        Assert.Contains("name: 'DOTNET_GCgen0size'", PublishedHub.Files["infra/hub.bicep"], StringComparison.Ordinal);
    }

    [Fact]
    public void Senders_deliver_to_the_mpi_address_given_as_parameters()
    {
        foreach (var sender in PublishedHub.Plan.Apps.Where(a => a.Role == ServiceRole.Sender))
        {
            Assert.Equal("mpiHost", sender.Environment.Single(e => e.Name == "RECEIVER_MLLP_HOST").Parameter);
            Assert.Equal("mpiPort", sender.Environment.Single(e => e.Name == "RECEIVER_MLLP_PORT").Parameter);
        }

        Assert.Contains("value: string(mpiPort)", PublishedHub.Files["infra/hub.bicep"], StringComparison.Ordinal);
    }

    [Fact]
    public void Apps_reach_service_bus_and_application_insights_with_their_own_identity()
    {
        var app = PublishedHub.Files["infra/app.bicep"];
        foreach (var variable in new[] { "SERVICE_BUS_NAMESPACE", "AZURE_CLIENT_ID", "APPLICATIONINSIGHTS_CONNECTION_STRING", "INSIGHTS_UAMI_CLIENT_ID" })
        {
            Assert.Contains($"name: '{variable}'", app, StringComparison.Ordinal);
        }

        Assert.Contains("'Microsoft.ManagedIdentity/userAssignedIdentities@", app, StringComparison.Ordinal);
        Assert.Contains("type: 'UserAssigned'", app, StringComparison.Ordinal);
        Assert.Contains("disableLocalAuth: true", PublishedHub.Files["infra/platform.bicep"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SharedAccessKey")]
    [InlineData("SAS_KEY_VALUE")]
    [InlineData("Endpoint=sb://")]
    [InlineData("SERVICE_BUS_CONNECTION_STRING")]
    [InlineData("listKeys")]
    [InlineData("primarySharedKey")]
    [InlineData("secretRef")]
    [InlineData("secrets:")]
    [InlineData("password")]
    [InlineData("127.0.0.1")]
    [InlineData("Logging__Console")]
    [InlineData("SENDER_STATE_DIR")]
    [InlineData(".hub-data")]
    [InlineData("MOCK_MPI")]
    [InlineData("local-inthub")]
    public void Nothing_secret_or_local_reaches_the_output(string forbidden)
    {
        foreach (var (path, content) in PublishedHub.Files)
        {
            Assert.False(content.Contains(forbidden, StringComparison.OrdinalIgnoreCase), $"{path} contains '{forbidden}'");
        }
    }

    [Fact]
    public void A_secret_that_is_not_marked_local_only_is_refused()
    {
        var flow = PublishedHub.Model.Flows[0];
        var server = flow.Server with { Environment = [.. flow.Server.Environment, new EnvVar("API_KEY", "x", IsSecret: true)] };
        var model = PublishedHub.Model with { Flows = [flow with { Services = [server, .. flow.Services.Skip(1)] }] };
        var error = Assert.Throws<InvalidOperationException>(() => DeploymentPlan.From(model));
        Assert.Contains("API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_builds_each_service_from_its_project_with_the_dotnet_sdk()
    {
        var yaml = PublishedHub.Files["azure.yaml"];
        foreach (var app in PublishedHub.Plan.Apps)
        {
            Assert.Contains($"  {app.Name}:\n    project: ../{app.Project.RelativePath}\n    language: dotnet\n    host: containerapp\n", yaml, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(PublishedHub.RepositoryRoot, app.Project.RelativePath)), app.Project.RelativePath);
        }

        Assert.DoesNotContain("docker", yaml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Probes_stay_within_the_platform_limits_and_only_readiness_reacts_to_a_short_bus_outage()
    {
        var app = PublishedHub.Files["infra/app.bicep"];
        var start = app.IndexOf("probes: [", StringComparison.Ordinal);
        var section = app[start..app.IndexOf("scale: {", start, StringComparison.Ordinal)];
        var probes = System.Text.RegularExpressions.Regex.Matches(
            section,
            @"type: '(?<type>\w+)'.*?periodSeconds: (?<period>\d+)\s+failureThreshold: (?<failures>\d+)",
            System.Text.RegularExpressions.RegexOptions.Singleline)
            .ToDictionary(m => m.Groups["type"].Value, m => (Period: int.Parse(m.Groups["period"].Value, System.Globalization.CultureInfo.InvariantCulture), Failures: int.Parse(m.Groups["failures"].Value, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(["Liveness", "Readiness"], probes.Keys.Order());
        Assert.All(probes.Values, p =>
        {
            // Azure Container Apps refuses a probe with more than 10 failures or a period over 240 s.
            Assert.InRange(p.Failures, 1, 10);
            Assert.InRange(p.Period, 1, 240);
        });
        Assert.True(probes["Liveness"].Period * probes["Liveness"].Failures >= 300, "liveness gives up within 5 minutes");
        Assert.True(probes["Readiness"].Period * probes["Readiness"].Failures <= 30, "readiness is slow to react");
    }
}
