using System.Text;
using Azure.Core;
using Azure.Identity;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Runtime.Tests.Support;
using IntegrationHub.Runtime.Tests.Transformer;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Runtime.Tests.Bus;

/// <summary>
/// How a deployed service reaches Service Bus: SERVICE_BUS_NAMESPACE plus the client id of its user-assigned managed
/// identity (AZURE_CLIENT_ID), no key anywhere. The token path runs end to end against the embedded broker's JWT check.
/// </summary>
public sealed class ManagedIdentityTests : IAsyncLifetime
{
    private const string Ingress = "mi-ingress";
    private const string Egress = "mi-egress";
    private const string AcceptedToken = "header.accepted-identity.signature";
    private const string ClientId = "3f1c2a4e-9b7d-4e21-8c55-0a6b1d2e3f40";

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"hub-mi-tests-{Guid.NewGuid():N}");
    private EmbeddedBroker _broker = null!;

    public async Task InitializeAsync()
    {
        var session = new QueueSettings { RequiresSession = true, LockDuration = TimeSpan.FromSeconds(5), MaxDeliveryCount = 3 };
        _broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            DataDirectory = _data,
            Config = new BrokerConfig().WithQueue(Ingress, session).WithQueue(Egress, session),
            JwtValidator = (token, _) => token == AcceptedToken,
        });
    }

    public async Task DisposeAsync()
    {
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

    private static Dictionary<string, string?> Variables(string? clientId) => new()
    {
        ["SERVICE_BUS_NAMESPACE"] = "127.0.0.1",
        ["AZURE_CLIENT_ID"] = clientId,
        ["HEALTH_CHECK_PORT"] = "0",
        ["INGRESS_QUEUE_NAME"] = Ingress,
        ["INGRESS_SESSION_ID"] = "mi",
        ["EGRESS_QUEUE_NAME"] = Egress,
        ["EGRESS_SESSION_ID"] = "mi-out",
        ["WORKFLOW_ID"] = "test-flow",
        ["MICROSERVICE_ID"] = "test_transformer",
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["RETRY_INITIAL_DELAY_MS"] = "100",
        ["RETRY_MAX_DELAY_MS"] = "400",
    };

    private static IHost BuildTransformer(Dictionary<string, string?> variables, Action<BusClientOptions>? adjust = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables);
        builder.AddServiceDefaults("test-service");
        builder.AddTransformer<TransformerHostTests.StampingTransformer>();
        if (adjust is not null)
        {
            builder.Services.Configure(adjust);
        }

        return builder.Build();
    }

    /// <summary>The broker listens on plain AMQP on a run-time port; only the endpoint and the credential are swapped.</summary>
    private Action<BusClientOptions> LocalBrokerWith(TokenCredential credential) => options =>
    {
        options.Port = _broker.Port;
        options.DisableTls = true;
        options.Credential = credential;
        options.OperationTimeout = TimeSpan.FromSeconds(15);
    };

    [Fact]
    public void A_namespace_with_a_client_id_uses_that_user_assigned_managed_identity()
    {
        using var host = BuildTransformer(Variables(ClientId));
        var options = host.Services.GetRequiredService<BusClientOptions>();
        Assert.Null(options.ConnectionString);
        Assert.Equal("127.0.0.1", options.Namespace);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Fact]
    public void A_namespace_without_a_client_id_falls_back_to_the_default_credential_chain()
    {
        using var host = BuildTransformer(Variables(null));
        Assert.IsType<DefaultAzureCredential>(host.Services.GetRequiredService<BusClientOptions>().Credential);
    }

    [Fact]
    public async Task A_client_id_that_is_not_a_guid_stops_the_service_naming_the_variable()
    {
        using var host = BuildTransformer(Variables("not-a-guid"));
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("AZURE_CLIENT_ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_identity_token_authenticates_a_transformer_host_against_the_broker_jwt_check()
    {
        var credential = new RecordingCredential(AcceptedToken);
        using var host = BuildTransformer(Variables(ClientId), LocalBrokerWith(credential));
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IBusClient>();
            var sender = client.CreateSender(Ingress);
            const string text = "MSH|^~\\&|252|252|100|100|20250101||ADT^A28^ADT_A05|MI-1|P|2.5\rPID|||123^^^252^PI||SMITH\r";
            await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(text)) { SessionId = "mi", MessageId = "MI-1" });

            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForSession(Egress, "mi-out"));
            var received = new List<ReceivedMessage>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (received.Count == 0 && DateTime.UtcNow < deadline)
            {
                received.AddRange(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(2)));
            }

            var transformed = Assert.Single(received);
            await receiver.CompleteAsync(transformed);
            Assert.Contains("HUB", Encoding.UTF8.GetString(transformed.Body.Span), StringComparison.Ordinal);
            Assert.Contains("https://servicebus.azure.net/.default", credential.Scopes);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_token_the_broker_does_not_accept_is_refused()
    {
        var credential = new RecordingCredential("header.someone-else.signature");
        using var host = BuildTransformer(Variables(ClientId), LocalBrokerWith(credential));
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IBusClient>();
            var error = await Assert.ThrowsAsync<BusException>(() => client.CreateSender(Ingress).SendAsync(OutgoingMessage.FromText("x")));
            Assert.Equal(BusFailureReason.Unauthorized, error.Reason);
            Assert.Contains("https://servicebus.azure.net/.default", credential.Scopes);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Stands in for the managed identity endpoint: hands out a fixed token and records the scopes asked for.</summary>
    private sealed class RecordingCredential(string token) : TokenCredential
    {
        private readonly List<string> _scopes = [];

        public IReadOnlyList<string> Scopes
        {
            get
            {
                lock (_scopes)
                {
                    return [.. _scopes];
                }
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (_scopes)
            {
                _scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
