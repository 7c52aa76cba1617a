using Azure.Core;
using IntegrationHub.Bus.Amqp;
using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Tests.Unit;

public class OptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Connection_string_wins_over_namespace()
    {
        var options = BusClientOptions.FromEnvironment(Env(("SERVICE_BUS_CONNECTION_STRING", "Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=v"), ("SERVICE_BUS_NAMESPACE", "ns")));
        Assert.NotNull(options.ConnectionString);
        Assert.Null(options.Namespace);
    }

    [Fact]
    public void Blank_connection_string_falls_back_to_the_namespace()
    {
        var options = BusClientOptions.FromEnvironment(Env(("SERVICE_BUS_CONNECTION_STRING", "  "), ("SERVICE_BUS_NAMESPACE", "hub-prod")));
        Assert.Equal("hub-prod", options.Namespace);
    }

    [Fact]
    public void Neither_variable_names_both()
    {
        var error = Assert.Throws<InvalidOperationException>(() => BusClientOptions.FromEnvironment(Env()));
        Assert.Contains("SERVICE_BUS_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
        Assert.Contains("SERVICE_BUS_NAMESPACE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_connection_string_is_reported_with_the_variable_name()
    {
        var options = new BusClientOptions { ConnectionString = "Endpoint=sb://h.example/;SharedAccessKeyName=k" };
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.StartsWith("SERVICE_BUS_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => BusClientFactory.Create(options));
    }

    [Theory]
    [InlineData("hub-prod", "hub-prod.servicebus.windows.net")]
    [InlineData("hub-prod.servicebus.windows.net", "hub-prod.servicebus.windows.net")]
    [InlineData("sb://hub-prod.servicebus.windows.net/", "hub-prod.servicebus.windows.net")]
    [InlineData(" 127.0.0.1 ", "127.0.0.1")]
    public void Namespace_becomes_a_host(string ns, string host) => Assert.Equal(host, BusClientOptions.NamespaceHost(ns));

    [Fact]
    public void Emulator_string_resolves_to_plain_amqp_and_amqp_audiences()
    {
        var endpoint = BusClientFactory.ResolveEndpoint(
            new BusClientOptions { ConnectionString = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true" },
            TimeProvider.System);

        Assert.Equal(("localhost", 5672, false), (endpoint.Host, endpoint.Port, endpoint.UseTls));
        Assert.Equal("amqp://localhost/hl7.inbound", endpoint.Audience("hl7.inbound"));
        Assert.IsType<SasKeyTokenSource>(endpoint.Tokens);
    }

    [Fact]
    public void Azure_string_resolves_to_tls_and_amqps_audiences()
    {
        var endpoint = BusClientFactory.ResolveEndpoint(
            new BusClientOptions { ConnectionString = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=a&sig=b&se=4102444800&skn=c" },
            TimeProvider.System);

        Assert.Equal(("contoso.servicebus.windows.net", 5671, true), (endpoint.Host, endpoint.Port, endpoint.UseTls));
        Assert.Equal("amqps://contoso.servicebus.windows.net/q/$management", endpoint.Audience("q/$management"));
        Assert.IsType<FixedSasTokenSource>(endpoint.Tokens);
    }

    [Fact]
    public void Namespace_resolves_to_the_credential_over_tls()
    {
        var endpoint = BusClientFactory.ResolveEndpoint(new BusClientOptions { Namespace = "hub", Credential = new StaticCredential() }, TimeProvider.System);
        Assert.Equal(("hub.servicebus.windows.net", 5671, true), (endpoint.Host, endpoint.Port, endpoint.UseTls));
        Assert.IsType<CredentialTokenSource>(endpoint.Tokens);
    }

    [Fact]
    public void Entity_path_in_the_string_scopes_the_client()
    {
        var endpoint = BusClientFactory.ResolveEndpoint(
            new BusClientOptions { ConnectionString = "Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=orders" }, TimeProvider.System);

        endpoint.EnsureInScope("orders");
        endpoint.EnsureInScope("ORDERS/$deadletterqueue");
        Assert.Throws<ArgumentException>(() => endpoint.EnsureInScope("invoices"));
        Assert.Throws<ArgumentException>(() => endpoint.EnsureInScope("orders2"));
    }

    [Fact]
    public async Task Credential_tokens_ask_for_the_service_bus_scope_and_are_jwt()
    {
        var credential = new StaticCredential();
        var token = await new CredentialTokenSource(credential).GetTokenAsync("amqps://h/q", CancellationToken.None);

        Assert.Equal(["https://servicebus.azure.net/.default"], credential.LastScopes);
        Assert.Equal("jwt", token.TokenType);
        Assert.Equal("header.payload.signature", token.Token);
        Assert.Equal(StaticCredential.Expiry, token.ExpiresAt);
    }

    [Fact]
    public async Task Sas_key_tokens_sign_the_lower_cased_audience_for_the_configured_lifetime()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        var token = await new SasKeyTokenSource("k", "v", TimeSpan.FromMinutes(30), time).GetTokenAsync("amqp://LocalHost/Orders", CancellationToken.None);

        Assert.Equal("servicebus.windows.net:sastoken", token.TokenType);
        Assert.Equal(now.AddMinutes(30), token.ExpiresAt);
        Assert.Equal(SharedAccessSignature.Create("amqp://localhost/orders", "k", "v", now.AddMinutes(30)), token.Token);
    }

    private sealed class StaticCredential : TokenCredential
    {
        public static readonly DateTimeOffset Expiry = new(2030, 1, 1, 1, 0, 0, TimeSpan.Zero);

        public string[] LastScopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            LastScopes = requestContext.Scopes;
            return new AccessToken("header.payload.signature", Expiry);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
