using System.Globalization;
using System.Net;

namespace IntegrationHub.Bus.Configuration;

/// <summary>
/// A parsed Service Bus connection string, following the rules of Azure.Messaging.ServiceBus
/// (spec §1.3) so that strings which work with Microsoft's SDK and emulator work here unchanged.
/// </summary>
public sealed record ServiceBusConnectionString
{
    public const int AmqpTlsPort = 5671;
    public const int AmqpPlainPort = 5672;

    /// <summary>The endpoint as <c>sb://host[:port]</c>; the port only when one was given explicitly.</summary>
    public required Uri Endpoint { get; init; }

    public required string Host { get; init; }

    /// <summary>The port written in the endpoint, if any.</summary>
    public int? ExplicitPort { get; init; }

    public string? SharedAccessKeyName { get; init; }

    public string? SharedAccessKey { get; init; }

    /// <summary>A complete, pre-signed SAS token (mutually exclusive with the key pair).</summary>
    public string? SharedAccessSignature { get; init; }

    public string? EntityPath { get; init; }

    public bool UseDevelopmentEmulator { get; init; }

    /// <summary>Emulator: plain AMQP (no TLS). Azure: always TLS.</summary>
    public bool UseTls => !UseDevelopmentEmulator;

    /// <summary>The TCP port to connect to: the explicit one, else 5671 with TLS, 5672 without.</summary>
    public int Port => ExplicitPort ?? (UseTls ? AmqpTlsPort : AmqpPlainPort);

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming the offending part.</summary>
    public static ServiceBusConnectionString Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The Service Bus connection string is empty.");
        }

        var pairs = SplitPairs(connectionString);
        pairs.TryGetValue("Endpoint", out var endpointText);
        pairs.TryGetValue("SharedAccessKeyName", out var keyName);
        pairs.TryGetValue("SharedAccessKey", out var key);
        pairs.TryGetValue("SharedAccessSignature", out var signature);
        pairs.TryGetValue("EntityPath", out var entityPath);
        pairs.TryGetValue("UseDevelopmentEmulator", out var emulatorText);

        if (endpointText is null)
        {
            throw new FormatException("The Service Bus connection string has no Endpoint.");
        }

        var (host, port) = ParseEndpoint(endpointText);

        // Like the SDK, a value that is not a boolean silently means false.
        var useEmulator = bool.TryParse(emulatorText, out var parsedEmulator) && parsedEmulator;
        if (useEmulator && !IsLoopback(host))
        {
            throw new FormatException($"UseDevelopmentEmulator=true requires a loopback Endpoint host (localhost, 127.0.0.1 or ::1), not '{host}'.");
        }

        if (signature is not null && (keyName is not null || key is not null))
        {
            throw new FormatException("SharedAccessSignature cannot be combined with SharedAccessKeyName/SharedAccessKey.");
        }

        if (signature is null && (keyName is null || key is null))
        {
            throw new FormatException("The Service Bus connection string needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature.");
        }

        var endpointBuilder = new UriBuilder("sb", host, port ?? -1);
        return new ServiceBusConnectionString
        {
            Endpoint = endpointBuilder.Uri,
            Host = host,
            ExplicitPort = port,
            SharedAccessKeyName = keyName,
            SharedAccessKey = key,
            SharedAccessSignature = signature,
            EntityPath = entityPath,
            UseDevelopmentEmulator = useEmulator,
        };
    }

    public static bool TryParse(string? connectionString, out ServiceBusConnectionString? result)
    {
        result = null;
        if (connectionString is null)
        {
            return false;
        }

        try
        {
            result = Parse(connectionString);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> SplitPairs(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = text.Split(';');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (string.IsNullOrWhiteSpace(segment) && (i == 0 || i == segments.Length - 1))
            {
                continue; // a leading or trailing ';' is allowed
            }

            // Split on the first '=' only: base64 keys end in '='.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw new FormatException($"The connection string segment '{segment.Trim()}' is not a Key=Value pair.");
            }

            var name = segment[..equals].Trim();
            var value = segment[(equals + 1)..].Trim();
            if (name.Length == 0)
            {
                throw new FormatException("The connection string has a value without a key.");
            }

            if (value.Length == 0)
            {
                throw new FormatException($"The connection string key '{name}' has an empty value.");
            }

            result[name] = value;
        }

        return result;
    }

    private static (string Host, int? Port) ParseEndpoint(string endpointText)
    {
        string host;
        int? port = null;
        if (Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            host = uri.Host;
            if (!uri.IsDefaultPort && uri.Port > 0)
            {
                port = uri.Port;
            }
        }
        else
        {
            host = endpointText.TrimEnd('/');
        }

        // IPv6 literals come back bracketed from Uri.Host.
        var bare = host.Trim('[', ']');
        if (Uri.CheckHostName(bare) == UriHostNameType.Unknown)
        {
            throw new FormatException($"The Endpoint '{endpointText}' does not name a valid host.");
        }

        return (host, port);
    }

    private static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>For logs: the string with the secret parts removed.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Endpoint={Endpoint};SharedAccessKeyName={SharedAccessKeyName};EntityPath={EntityPath};UseDevelopmentEmulator={UseDevelopmentEmulator}");
}
