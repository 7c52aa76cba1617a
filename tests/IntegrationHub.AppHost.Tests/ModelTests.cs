using IntegrationHub.AppHost;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Runtime.Bus;
using IntegrationHub.Runtime.Sender;
using IntegrationHub.Runtime.Server;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.AppHost.Tests;

public sealed class ModelTests
{
    private static readonly HubModel Hub = HubTopology.Describe(new AppHostOptions { DataDirectory = "/tmp/hub-model-test" });

    private static FlowResource Flow(string name) => Hub.Flows.Single(f => f.Name == name);

    [Fact]
    public void The_four_flows_listen_on_the_spec_ports_and_the_mock_mpi_on_2576()
    {
        Assert.Equal(["phw", "paris", "chemo", "pims"], Hub.Flows.Select(f => f.Name));
        Assert.Equal(2575, Flow("phw").Server.PortOf("mllp"));
        Assert.Equal(2577, Flow("paris").Server.PortOf("mllp"));
        Assert.Equal(2578, Flow("chemo").Server.PortOf("mllp"));
        Assert.Equal(2579, Flow("pims").Server.PortOf("mllp"));
        Assert.Equal(2576, Hub.MockMpi.PortOf("mllp"));
        Assert.Equal(5672, Hub.Bus.Port);
        Assert.Equal(Path.Combine("/tmp/hub-model-test", "mock-mpi"), Hub.MockMpi.Env("MOCK_MPI_OUTPUT_DIR"));
    }

    [Theory]
    [InlineData("phw", "local-inthub-phw-transformer-ingress", "local-inthub-phw-sender-ingress")]
    [InlineData("chemo", "local-inthub-chemo-transformer-ingress", "local-inthub-chemo-sender-ingress")]
    [InlineData("pims", "local-inthub-pims-transformer-ingress", "local-inthub-pims-sender-ingress")]
    public void A_flow_with_a_transformer_chains_server_transformer_sender_through_its_own_queues(string name, string pre, string post)
    {
        var flow = Flow(name);
        Assert.Equal([pre, post], flow.Queues.Select(q => q.Name));
        Assert.All(flow.Queues, q => Assert.True(q.RequiresSession));
        Assert.Equal(pre, flow.Server.Env("EGRESS_QUEUE_NAME"));
        Assert.Equal(pre, flow.Transformer!.Env("INGRESS_QUEUE_NAME"));
        Assert.Equal(flow.Server.Env("EGRESS_SESSION_ID"), flow.Transformer.Env("INGRESS_SESSION_ID"));
        Assert.Equal(post, flow.Transformer.Env("EGRESS_QUEUE_NAME"));
        Assert.Equal(post, flow.Sender.Env("INGRESS_QUEUE_NAME"));
        Assert.Equal(flow.Transformer.Env("EGRESS_SESSION_ID"), flow.Sender.Env("INGRESS_SESSION_ID"));
    }

    [Fact]
    public void Paris_has_no_transformer_and_its_server_feeds_its_own_sender()
    {
        var paris = Flow("paris");
        Assert.Null(paris.Transformer);
        Assert.Equal(2, paris.Services.Count);
        Assert.Equal("local-inthub-paris-sender-ingress", Assert.Single(paris.Queues).Name);
        Assert.Equal(paris.Server.Env("EGRESS_QUEUE_NAME"), paris.Sender.Env("INGRESS_QUEUE_NAME"));
        Assert.Equal(paris.Server.Env("EGRESS_SESSION_ID"), paris.Sender.Env("INGRESS_SESSION_ID"));
    }

    [Fact]
    public void Every_queue_has_the_spec_settings_and_the_bus_holds_the_shared_queues()
    {
        var names = Hub.Queues.Select(q => q.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("local-inthub-messagestore", names);
        Assert.Contains("local-inthub-audit", names);
        Assert.All(Hub.Queues, q =>
        {
            Assert.Equal(TimeSpan.FromMinutes(1), q.LockDuration);
            Assert.Equal(10, q.MaxDeliveryCount);
        });
        Assert.All(Hub.Flows.SelectMany(f => f.Queues), q => Assert.Contains(q, Hub.Queues));
    }

    [Fact]
    public void An_acknowledged_message_is_never_discarded_by_expiry_only_audit_telemetry_is()
    {
        var audit = Hub.Queues.Single(q => q.Name == "local-inthub-audit");
        var kept = Hub.Queues.Where(q => q != audit).ToList();

        Assert.Contains(kept, q => q.Name == "local-inthub-messagestore");
        Assert.Equal(Hub.Flows.Sum(f => f.Queues.Count) + 1, kept.Count);
        Assert.All(kept, q =>
        {
            Assert.True(q.Retention.DeadLetterOnExpiration, q.Name);
            Assert.Equal(TimeSpan.FromDays(14), q.Retention.TimeToLive);
        });
        Assert.Equal(new MessageRetention(TimeSpan.FromHours(1), DeadLetterOnExpiration: false), audit.Retention);
    }

    [Fact]
    public void Every_service_environment_is_accepted_by_the_settings_the_service_reads()
    {
        foreach (var service in Hub.Flows.SelectMany(f => f.Services))
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(service.Environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value)))
                .Build();
            ServiceSettings specific = service.Role switch
            {
                ServiceRole.Server => new Hl7ServerSettings(),
                ServiceRole.Transformer => new TransformerSettings(),
                _ => new SenderSettings(),
            };
            foreach (var settings in new[] { new ServiceIdentitySettings(), new BusSettings(), specific })
            {
                settings.Load(configuration);
                Assert.True(settings.Problems.Count == 0, $"{service.Name} ({settings.GetType().Name}): {string.Join("; ", settings.Problems)}");
            }

            Assert.Equal("local-inthub-audit", service.Env("AUDIT_QUEUE_NAME"));
            Assert.Equal("INFO", service.Env("LOG_LEVEL"));
            Assert.True(service.Environment.Single(e => e.Name == "SERVICE_BUS_CONNECTION_STRING").IsSecret);
        }
    }

    [Fact]
    public void Every_service_process_gets_the_runtime_settings_and_the_deployment_keeps_them()
    {
        Assert.Contains(ServiceProcessEnvironment.Variables, v => v.Key == "DOTNET_GCgen0size");
        foreach (var service in Hub.Flows.SelectMany(f => f.Services).Append(Hub.MockMpi))
        {
            foreach (var (name, value) in ServiceProcessEnvironment.Variables)
            {
                var variable = Assert.Single(service.Environment, e => e.Name == name);
                Assert.Equal(value, variable.Value);
                Assert.False(variable.LocalOnly, $"{service.Name}: {name} must be published with the service");
                Assert.Null(variable.ContainerValue);
            }
        }
    }

    [Fact]
    public void Every_port_is_distinct_and_every_service_has_its_own_health_port()
    {
        var ports = Hub.Services.SelectMany(s => s.Endpoints).Select(e => e.Port).Append(Hub.Bus.Port).Append(Hub.Bus.AdminPort!.Value).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        foreach (var service in Hub.Flows.SelectMany(f => f.Services))
        {
            Assert.Equal(service.Env("HEALTH_CHECK_PORT"), service.ProbePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Senders_deliver_to_the_mock_mpi_unthrottled_with_state_under_the_data_folder()
    {
        foreach (var flow in Hub.Flows)
        {
            Assert.Equal("127.0.0.1", flow.Sender.Env("RECEIVER_MLLP_HOST"));
            Assert.Equal(Hub.MockMpi.PortOf("mllp").ToString(), flow.Sender.Env("RECEIVER_MLLP_PORT"));
            Assert.Null(flow.Sender.Env("MAX_MESSAGES_PER_MINUTE"));
            Assert.StartsWith("/tmp/hub-model-test", flow.Sender.Env("SENDER_STATE_DIR"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ordered_consumers_are_limited_to_exactly_one_replica()
    {
        Assert.All(Hub.Flows.SelectMany(f => f.Services).Where(s => s.Role is ServiceRole.Transformer or ServiceRole.Sender), s => Assert.Equal((1, 1), (s.Replicas.Min, s.Replicas.Max)));
        Assert.All(Hub.Flows.Select(f => f.Server), s => Assert.True(s.Replicas.Max > 1));
    }

    [Fact]
    public void A_subset_keeps_the_bus_and_the_mock_mpi_and_unknown_flows_are_refused()
    {
        var subset = HubTopology.Describe(new AppHostOptions { Flows = new HashSet<string> { "paris" }, DataDirectory = "/tmp/x" });
        Assert.Equal("paris", Assert.Single(subset.Flows).Name);
        Assert.Equal(["mock-mpi", "paris-server", "paris-sender"], subset.Services.Select(s => s.Name));
        Assert.Equal(Hub.Flows[1].Sender.ProbePort, subset.Flows[0].Sender.ProbePort);
        Assert.Throws<ArgumentException>(() => HubTopology.Describe(new AppHostOptions { Flows = new HashSet<string> { "lims" } }));
    }

    [Fact]
    public void An_external_bus_connection_string_replaces_the_embedded_broker()
    {
        const string external = "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v";
        var hub = HubTopology.Describe(new AppHostOptions { BusConnectionString = external, DataDirectory = "/tmp/x" });
        Assert.False(hub.Bus.IsEmbedded);
        Assert.All(hub.Flows.SelectMany(f => f.Services), s => Assert.Equal(external, s.Env("SERVICE_BUS_CONNECTION_STRING")));
    }

    [Fact]
    public void Options_come_from_the_command_line()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(["--flows", "phw, paris", "--data", "/tmp/d", "--port-offset", "100", "--echo", "false"])
            .Build();
        var options = AppHostOptions.From(configuration);
        Assert.Equal(new HashSet<string> { "phw", "paris" }, options.Flows);
        Assert.Equal("/tmp/d", options.DataDirectory);
        Assert.False(options.EchoOutput);
        var hub = HubTopology.Describe(options);
        Assert.Equal(2675, hub.Flows[0].Server.PortOf("mllp"));
    }

    [Fact]
    public void The_build_recorded_a_built_dll_for_every_service()
    {
        foreach (var service in Hub.Services)
        {
            var path = ServiceLocator.DllPath(service.Project);
            Assert.EndsWith(service.Project.AssemblyName + ".dll", path, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(typeof(ModelTests).Assembly.Location)!, "..", "..", "..", "..", "..", service.Project.RelativePath)), service.Project.RelativePath);
        }
    }
}
