using IntegrationHub.Bus.Configuration;
using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Bus;

/// <summary>How a service reaches Service Bus: a connection string, or a namespace with managed identity (spec §10.1).</summary>
public sealed class BusSettings : ServiceSettings
{
    public string? ConnectionString { get; private set; }

    public string? Namespace { get; private set; }

    public BusClientOptions ToClientOptions() =>
        ConnectionString is not null ? new BusClientOptions { ConnectionString = ConnectionString } : new BusClientOptions { Namespace = Namespace };

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ConnectionString = reader.Optional(BusClientOptions.ConnectionStringVariable);
        Namespace = reader.Optional(BusClientOptions.NamespaceVariable);
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
