using Azure.Identity;
using IntegrationHub.Bus.Amqp;
using IntegrationHub.Bus.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Bus;

/// <summary>Creates the Service Bus client from options (connection string, or namespace + Entra ID credential).</summary>
public static class BusClientFactory
{
    public static IBusClient Create(BusClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("IntegrationHub.Bus");
        return new AmqpBusClient(ResolveEndpoint(options, time), options, time, logger);
    }

    /// <summary>Shortcut for <see cref="BusClientOptions.FromEnvironment"/> then <see cref="Create"/>.</summary>
    public static IBusClient CreateFromEnvironment(ILoggerFactory? loggerFactory = null) =>
        Create(BusClientOptions.FromEnvironment(), loggerFactory);

    internal static AmqpEndpoint ResolveEndpoint(BusClientOptions options, TimeProvider time)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            var parsed = ServiceBusConnectionString.Parse(options.ConnectionString);
            ITokenSource tokens = parsed.SharedAccessSignature is { } sas
                ? new FixedSasTokenSource(sas, time)
                : new SasKeyTokenSource(parsed.SharedAccessKeyName!, parsed.SharedAccessKey!, options.SasTokenLifetime, time);
            return new AmqpEndpoint(parsed.Host, parsed.Port, parsed.UseTls, tokens, parsed.EntityPath);
        }

        if (!string.IsNullOrWhiteSpace(options.Namespace))
        {
            var host = BusClientOptions.NamespaceHost(options.Namespace);
            var useTls = !options.DisableTls;
            var port = options.Port ?? (useTls ? ServiceBusConnectionString.AmqpTlsPort : ServiceBusConnectionString.AmqpPlainPort);
            var credential = options.Credential ?? new DefaultAzureCredential();
            return new AmqpEndpoint(host, port, useTls, new CredentialTokenSource(credential));
        }

        throw new InvalidOperationException(
            $"Bus options need a connection string ({BusClientOptions.ConnectionStringVariable}) or a namespace ({BusClientOptions.NamespaceVariable}).");
    }
}
