using System.Net.Security;
using Azure.Core;

namespace IntegrationHub.Bus.Configuration;

/// <summary>How to reach and authenticate to the bus. Either a connection string, or a namespace plus a credential.</summary>
public sealed class BusClientOptions
{
    public const string ConnectionStringVariable = "SERVICE_BUS_CONNECTION_STRING";
    public const string NamespaceVariable = "SERVICE_BUS_NAMESPACE";

    public string? ConnectionString { get; set; }

    /// <summary><c>myns</c> or <c>myns.servicebus.windows.net</c>; used with <see cref="Credential"/> when no connection string is set.</summary>
    public string? Namespace { get; set; }

    /// <summary>Entra ID credential (managed identity in Azure). Defaults to DefaultAzureCredential for <see cref="Namespace"/>.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Plain AMQP instead of TLS for a namespace (tests against a local broker with a credential).</summary>
    public bool DisableTls { get; set; }

    /// <summary>Port override for <see cref="Namespace"/> (default 5671, or 5672 without TLS).</summary>
    public int? Port { get; set; }

    /// <summary>Bounds one send, settlement or management call (connect included). A send that exceeds it fails; it never reports success.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per send on transient failures (the reference library uses 3).</summary>
    public int SendAttempts { get; set; } = 3;

    /// <summary>First delay between reconnect attempts; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>AMQP idle time-out we announce; the peer sends heartbeats inside it, and AMQPNetLite answers the peer's.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>TCP keep-alive (the reference keeps AMQP connections alive every 30 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of SAS tokens we sign; they are re-put on the connection before expiry.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long before expiry a CBS token is refreshed (the .NET SDK uses about 7 minutes).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(7);

    /// <summary>For TLS to test brokers with their own certificate authority.</summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; set; }

    /// <summary>Reads <c>SERVICE_BUS_CONNECTION_STRING</c> (when not blank) else <c>SERVICE_BUS_NAMESPACE</c>.</summary>
    public static BusClientOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var connectionString = getVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BusClientOptions { ConnectionString = connectionString };
        }

        var ns = getVariable(NamespaceVariable);
        if (!string.IsNullOrWhiteSpace(ns))
        {
            return new BusClientOptions { Namespace = ns.Trim() };
        }

        throw new InvalidOperationException($"Set {ConnectionStringVariable} or {NamespaceVariable} to reach the Service Bus.");
    }

    /// <summary>
    /// Checks the options at start-up; throws <see cref="InvalidOperationException"/> naming the environment variable
    /// whose value is wrong, so a misconfigured service stops with a clear message.
    /// </summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            try
            {
                ServiceBusConnectionString.Parse(ConnectionString);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"{ConnectionStringVariable} is not a valid Service Bus connection string: {ex.Message}", ex);
            }
        }
        else if (string.IsNullOrWhiteSpace(Namespace))
        {
            throw new InvalidOperationException($"Set {ConnectionStringVariable} or {NamespaceVariable} to reach the Service Bus.");
        }
        else if (Uri.CheckHostName(NamespaceHost(Namespace)) == UriHostNameType.Unknown)
        {
            throw new InvalidOperationException($"{NamespaceVariable} '{Namespace}' is not a valid namespace name.");
        }

        if (OperationTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The bus operation timeout must be positive.");
        }
    }

    /// <summary>The namespace host: <c>ns</c> becomes <c>ns.servicebus.windows.net</c>.</summary>
    public static string NamespaceHost(string ns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        var trimmed = ns.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri.Host;
        }

        return trimmed.Contains('.', StringComparison.Ordinal) ? trimmed.TrimEnd('/') : trimmed + ".servicebus.windows.net";
    }
}
