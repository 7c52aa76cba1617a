using System.Net;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>An HL7 server host as a service runs it (Generic Host, settings from variables) on free ports.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ServerHost(IHost host, IPEndPoint endpoint)
    {
        _host = host;
        Endpoint = endpoint;
    }

    public IPEndPoint Endpoint { get; }

    public IServiceProvider Services => _host.Services;

    public static Dictionary<string, string?> Variables(BrokerFixture broker) => new()
    {
        ["SERVICE_BUS_CONNECTION_STRING"] = broker.ConnectionString,
        ["PORT"] = "0",
        ["HEALTH_CHECK_PORT"] = "0",
        ["EGRESS_QUEUE_NAME"] = BrokerFixture.TransformerIngress,
        ["EGRESS_SESSION_ID"] = "phw-to-mpi",
        ["MESSAGE_STORE_QUEUE_NAME"] = BrokerFixture.Store,
        ["WORKFLOW_ID"] = "phw-to-mpi",
        ["MICROSERVICE_ID"] = "phw_hl7_server",
        ["HEALTH_BOARD"] = "PHW",
        ["PEER_SERVICE"] = "MPI",
        ["HL7_VERSION"] = "2.5",
        ["SENDING_APP"] = "252, 999",
        ["LOG_LEVEL"] = "WARN",
    };

    public static async Task<ServerHost> StartAsync(IDictionary<string, string?> variables, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables);
        builder.AddServiceDefaults("test-server");
        builder.AddHl7Server();
        configure?.Invoke(builder.Services);
        if (Environment.GetEnvironmentVariable("HUB_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole();
        }

        var host = builder.Build();
        await host.StartAsync();
        var endpoint = await host.Services.GetRequiredService<Hl7ServerService>().BoundEndpoint;
        return new ServerHost(host, endpoint);
    }

    /// <summary>Sends one message on a new connection, as a source system does.</summary>
    public async Task<MllpSendResult> SendAsync(string payload)
    {
        await using var client = new MllpClient(new MllpClientOptions { Port = Endpoint.Port, AckTimeout = TimeSpan.FromSeconds(10) });
        return await client.SendAsync(payload);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
