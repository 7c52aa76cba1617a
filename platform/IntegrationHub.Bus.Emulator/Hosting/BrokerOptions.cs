using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Bus.Emulator.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator;

/// <summary>Validates a JWT put on <c>$cbs</c> for an audience; return false to refuse it (401).</summary>
public delegate bool JwtValidator(string token, string audience);

/// <summary>How to run the embedded broker.</summary>
public sealed class BrokerOptions
{
    /// <summary>The emulator's well-known key name; existing emulator connection strings use it.</summary>
    public const string DefaultKeyName = "RootManageSharedAccessKey";

    /// <summary>The emulator's well-known key value.</summary>
    public const string DefaultKey = "SAS_KEY_VALUE";

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Plain AMQP port; 0 picks a free one (read it back from <see cref="EmbeddedBroker.Port"/>).</summary>
    public int Port { get; init; } = 5672;

    /// <summary>AMQPS port; null disables TLS. Needs <see cref="Certificate"/> or the PEM paths.</summary>
    public int? TlsPort { get; init; }
    public X509Certificate2? Certificate { get; init; }
    public string? CertificatePemPath { get; init; }
    public string? KeyPemPath { get; init; }

    /// <summary>Admin HTTP API port; null disables it, 0 picks a free one.</summary>
    public int? AdminPort { get; init; }

    public required string DataDirectory { get; init; }
    public BrokerConfig Config { get; init; } = new();

    public string SharedAccessKeyName { get; init; } = DefaultKeyName;
    public string SharedAccessKey { get; init; } = DefaultKey;

    /// <summary>Accepts <c>jwt</c> put-tokens when set (tests, dev); otherwise they are refused with 401.</summary>
    public JwtValidator? JwtValidator { get; init; }

    /// <summary>When false, links attach without a CBS token (never for shared environments).</summary>
    public bool RequireAuthorization { get; init; } = true;

    /// <summary>Advertised on sender links and enforced on every message (emulator: 256 KB).</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>
    /// Bytes of message bodies kept in memory; the rest is read back from SQLite on delivery. Receivers keep up
    /// with senders in normal running, so a small cache covers the messages about to be delivered; a large backlog
    /// is read back in order anyway (see the bus section of docs/benchmarks.md for the memory this buys).
    /// </summary>
    public long MessageCacheBytes { get; init; } = 16L * 1024 * 1024;

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public ILoggerFactory? LoggerFactory { get; init; }
}
