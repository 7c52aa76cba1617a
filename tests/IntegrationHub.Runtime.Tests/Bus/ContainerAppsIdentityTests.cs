using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Runtime.Tests.Transformer;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Runtime.Tests.Bus;

/// <summary>The process environment is changed here, so nothing else may run meanwhile.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentUsers), DisableParallelization = true)]
public sealed class ProcessEnvironmentUsers;

/// <summary>
/// No stand-in credential: the real ManagedIdentityCredential the settings choose, asking the identity endpoint that
/// Azure Container Apps gives every app (IDENTITY_ENDPOINT + IDENTITY_HEADER), played here by a local HTTP listener
/// that only issues the broker's accepted token to the user-assigned identity named by AZURE_CLIENT_ID.
/// </summary>
[Collection(nameof(ProcessEnvironmentUsers))]
public sealed class ContainerAppsIdentityTests : IAsyncLifetime, IDisposable
{
    private const string Queue = "identity-ingress";
    private const string AcceptedToken = "header.container-app-identity.signature";
    private const string ClientId = "0b7e4d1c-2f3a-4c5d-9e8f-112233445566";
    private const string IdentityHeader = "identity-header-for-tests";

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"hub-identity-tests-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private EmbeddedBroker _broker = null!;
    private HttpListener _endpoint = null!;
    private Task _serving = Task.CompletedTask;
    private string? _previousEndpoint;
    private string? _previousHeader;

    public async Task InitializeAsync()
    {
        _broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            DataDirectory = _data,
            Config = new BrokerConfig().WithQueue(Queue, new QueueSettings { LockDuration = TimeSpan.FromSeconds(5), MaxDeliveryCount = 3 }),
            JwtValidator = (token, _) => token == AcceptedToken,
        });
        var port = FreePort();
        _endpoint = new HttpListener();
        _endpoint.Prefixes.Add($"http://127.0.0.1:{port}/");
        _endpoint.Start();
        _serving = ServeAsync();
        _previousEndpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
        _previousHeader = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", $"http://127.0.0.1:{port}/msi/token");
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _previousEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", _previousHeader);
        await _stop.CancelAsync();
        _endpoint.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        await _broker.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temp folder is cleaned eventually.
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        ((IDisposable)_endpoint).Dispose();
    }

    [Fact]
    public async Task A_service_with_a_namespace_and_a_client_id_gets_its_identity_token_and_is_let_in()
    {
        using var host = BuildTransformer(ClientId);
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IBusClient>();
            await client.CreateSender(Queue).SendAsync(OutgoingMessage.FromText("through the managed identity"));
            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForQueue(Queue));
            var message = Assert.Single(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
            await receiver.CompleteAsync(message);

            Assert.Contains(_requests, r => r.Contains("client_id=" + ClientId, StringComparison.Ordinal) && r.Contains("servicebus.azure.net", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Another_identity_gets_no_token_and_the_service_cannot_reach_the_bus()
    {
        using var host = BuildTransformer("99999999-9999-4999-8999-999999999999");
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IBusClient>();
            await Assert.ThrowsAnyAsync<Exception>(() => client.CreateSender(Queue).SendAsync(OutgoingMessage.FromText("x")));
            Assert.Contains(_requests, r => r.Contains("client_id=99999999-9999-4999-8999-999999999999", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private IHost BuildTransformer(string clientId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SERVICE_BUS_NAMESPACE"] = "127.0.0.1",
            ["AZURE_CLIENT_ID"] = clientId,
            ["HEALTH_CHECK_PORT"] = "0",
            ["INGRESS_QUEUE_NAME"] = "identity-unused-ingress",
            ["INGRESS_SESSION_ID"] = "unused",
            ["EGRESS_QUEUE_NAME"] = Queue,
            ["EGRESS_SESSION_ID"] = "unused",
            ["WORKFLOW_ID"] = "test-flow",
            ["MICROSERVICE_ID"] = "test_transformer",
            ["RECEIVE_WAIT_SECONDS"] = "1",
        });
        builder.AddServiceDefaults("test-service");
        builder.AddTransformer<TransformerHostTests.StampingTransformer>();
        // Only where the broker is changes: the credential is the one the settings chose.
        builder.Services.Configure<BusClientOptions>(options =>
        {
            options.Port = _broker.Port;
            options.DisableTls = true;
            options.OperationTimeout = TimeSpan.FromSeconds(20);
        });
        return builder.Build();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _endpoint.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var query = context.Request.Url?.Query ?? string.Empty;
            _requests.Enqueue(Uri.UnescapeDataString(query));
            var mine = context.Request.Headers["X-IDENTITY-HEADER"] == IdentityHeader
                && query.Contains("client_id=" + ClientId, StringComparison.Ordinal);
            var body = mine
                ? JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["access_token"] = AcceptedToken,
                    ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["resource"] = "https://servicebus.azure.net",
                    ["token_type"] = "Bearer",
                    ["client_id"] = ClientId,
                })
                : """{"statusCode":400,"message":"No managed identity with that client id is assigned to this app."}""";
            context.Response.StatusCode = mine ? 200 : 400;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
