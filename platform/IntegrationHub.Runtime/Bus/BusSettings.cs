using Azure.Core;
using Azure.Identity;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Bus;

/// <summary>How a service reaches Service Bus: a connection string, or a namespace with managed identity (spec §10.1).</summary>
public sealed class BusSettings : ServiceSettings
{
    public string? ConnectionString { get; private set; }

    /// <summary>The environment variable Azure's tooling uses for the client id of a user-assigned managed identity.</summary>
    public const string ClientIdVariable = "AZURE_CLIENT_ID";

    public string? Namespace { get; private set; }

    /// <summary>Client id of the user-assigned managed identity that reaches <see cref="Namespace"/> (each container app has its own).</summary>
    public string? ManagedIdentityClientId { get; private set; }

    public BusClientOptions ToClientOptions() =>
        ConnectionString is not null
            ? new BusClientOptions { ConnectionString = ConnectionString }
            : new BusClientOptions { Namespace = Namespace, Credential = Credential() };

    /// <summary>
    /// With a client id: exactly that user-assigned identity (an app may hold several; DefaultAzureCredential would
    /// only find it through the process environment). Without: DefaultAzureCredential (developer sign-in, system identity).
    /// </summary>
    private TokenCredential Credential() => ManagedIdentityClientId is { } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ConnectionString = reader.Optional(BusClientOptions.ConnectionStringVariable);
        Namespace = reader.Optional(BusClientOptions.NamespaceVariable);
        ManagedIdentityClientId = reader.Optional(ClientIdVariable);
        if (ManagedIdentityClientId is not null && !Guid.TryParse(ManagedIdentityClientId, out _))
        {
            reader.Fail($"{ClientIdVariable} must be the client id (a GUID) of a managed identity (got '{ManagedIdentityClientId}')");
        }
        if (ConnectionString is null && Namespace is null)
        {
            reader.Fail($"Missing required configuration: {BusClientOptions.ConnectionStringVariable} or {BusClientOptions.NamespaceVariable}");
            return;
        }

        if (ConnectionString is not null)
        {
            try
            {
                ServiceBusConnectionString.Parse(ConnectionString);
            }
            catch (FormatException ex)
            {
                // The parser's message names the bad part, never the key.
                reader.Fail($"{BusClientOptions.ConnectionStringVariable} is not a valid Service Bus connection string: {ex.Message}");
            }
        }
    }
}
