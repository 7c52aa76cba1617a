using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Server;

/// <summary>What a server does when it refuses a message.</summary>
public enum RejectionMode
{
    /// <summary>Close the connection without writing a byte (the existing system's behaviour; senders alert on the missing ACK).</summary>
    Close,

    /// <summary>Answer AE (message content) or AR (message type, version, sender) with an ERR segment, then close.</summary>
    Nack,
}

/// <summary>The MLLP server's environment (spec §2.1), validated at start.</summary>
public sealed class Hl7ServerSettings : ServiceSettings
{
    /// <summary>The largest frame Service Bus Premium accepts (100 MiB); larger limits are refused at start.</summary>
    public const int MaxAllowedMessageSize = 104_857_600;

    public const int DefaultMaxMessageSize = 1_048_576;

    public static readonly string[] ValidationFlows = ["phw", "chemo", "pims", "paris", "mosaiq", "wds", "mpi"];

    public static readonly string[] StandardVersions = ["2.4", "2.5", "2.5.1", "2.6"];

    public string Host { get; private set; } = "127.0.0.1";

    public int Port { get; private set; } = 2575;

    /// <summary>The queue or topic messages are published to.</summary>
    public string EgressEntity { get; private set; } = string.Empty;

    public bool EgressIsTopic { get; private set; }

    public string EgressSessionId { get; private set; } = string.Empty;

    /// <summary>The message-store queue, or null when the store is disabled.</summary>
    public string? MessageStoreQueue { get; private set; }

    /// <summary>MSH-12 must equal this exactly when set.</summary>
    public string? Hl7Version { get; private set; }

    /// <summary>MSH-3 must equal one of these exactly when the list is not empty.</summary>
    public IReadOnlyList<string> SendingApps { get; private set; } = [];

    public string? ValidationFlow { get; private set; }

    /// <summary>A directory holding one folder of XSDs per flow.</summary>
    public string? SchemaDirectory { get; private set; }

    public string? StandardVersion { get; private set; }

    public int MaxMessageSizeBytes { get; private set; } = DefaultMaxMessageSize;

    public RejectionMode Rejection { get; private set; } = RejectionMode.Close;

    public int MaxConnections { get; private set; } = 256;

    public TimeSpan ReadTimeout { get; private set; } = TimeSpan.FromSeconds(10);

    public string? TlsCertificatePath { get; private set; }

    public string? TlsKeyPath { get; private set; }

    public string? TlsCertificatePassword { get; private set; }

    public IReadOnlyList<string> TlsClientThumbprints { get; private set; } = [];

    public bool TlsRequireClientCertificate { get; private set; }

    /// <summary>Roots client certificates must chain to (MLLP_TLS_CLIENT_CA_FILE, PEM); the system store when empty.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection TlsClientCertificateAuthorities { get; } = [];

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.Required("HEALTH_BOARD");
        reader.Required("PEER_SERVICE");
        Host = reader.Optional("HOST") ?? "127.0.0.1";
        Port = reader.Port("PORT", 2575, allowZero: true);
        ReadEgress(reader);
        EgressSessionId = reader.Required("EGRESS_SESSION_ID");
        var storeEnabled = reader.OnUnless("MESSAGE_STORE_ENABLED", "false");
        MessageStoreQueue = storeEnabled ? reader.Optional("MESSAGE_STORE_QUEUE_NAME") : null;
        Hl7Version = reader.Optional("HL7_VERSION");
        SendingApps = List(reader.Optional("SENDING_APP"));
        ValidationFlow = reader.Optional("HL7_VALIDATION_FLOW");
        if (ValidationFlow is not null && !ValidationFlows.Contains(ValidationFlow, StringComparer.Ordinal))
        {
            reader.Fail($"HL7_VALIDATION_FLOW must be one of {string.Join(", ", ValidationFlows)} (got '{ValidationFlow}')");
        }

        SchemaDirectory = reader.Optional("HL7_VALIDATION_SCHEMA_DIR");
        if (SchemaDirectory is not null && !Directory.Exists(SchemaDirectory))
        {
            reader.Fail($"HL7_VALIDATION_SCHEMA_DIR names a directory that does not exist: '{SchemaDirectory}'");
        }

        StandardVersion = reader.Optional("HL7_VALIDATION_STANDARD");
        if (StandardVersion is not null && !StandardVersions.Contains(StandardVersion, StringComparer.Ordinal))
        {
            reader.Fail($"HL7_VALIDATION_STANDARD: Unsupported HL7 version '{StandardVersion}'. Supported versions: {string.Join(", ", StandardVersions)}");
        }

        var size = reader.Number("MAX_MESSAGE_SIZE_BYTES", s => s <= MaxAllowedMessageSize, $"must not exceed {MaxAllowedMessageSize} bytes (the Service Bus Premium message limit)");
        MaxMessageSizeBytes = size is > 0 ? size.Value : DefaultMaxMessageSize;
        ReadRejection(reader);
        MaxConnections = reader.Number("MLLP_MAX_CONNECTIONS", c => c > 0, "must be at least 1") ?? 256;
        ReadTimeout = TimeSpan.FromSeconds(reader.Number("MLLP_READ_TIMEOUT_SECONDS", t => t > 0, "must be at least 1") ?? 10);
        ReadTls(reader);
    }

    private void ReadEgress(SettingsReader reader)
    {
        var queue = reader.Optional("EGRESS_QUEUE_NAME");
        var topic = reader.Optional("EGRESS_TOPIC_NAME");
        if (queue is null == topic is null)
        {
            reader.Fail("Either EGRESS_QUEUE_NAME or EGRESS_TOPIC_NAME must be provided, not both");
            return;
        }

        EgressEntity = queue ?? topic!;
        EgressIsTopic = topic is not null;
    }

    private void ReadRejection(SettingsReader reader)
    {
        var mode = reader.Optional("HL7_REJECTION_MODE");
        switch (mode?.ToUpperInvariant())
        {
            case null or "CLOSE":
                Rejection = RejectionMode.Close;
                break;
            case "NACK":
                Rejection = RejectionMode.Nack;
                break;
            default:
                reader.Fail($"HL7_REJECTION_MODE must be 'close' or 'nack' (got '{mode}')");
                break;
        }
    }

    private void ReadTls(SettingsReader reader)
    {
        TlsCertificatePath = reader.Optional("MLLP_TLS_CERT_PATH");
        TlsKeyPath = reader.Optional("MLLP_TLS_KEY_PATH");
        TlsCertificatePassword = reader.Optional("MLLP_TLS_CERT_PASSWORD");
        TlsClientThumbprints = List(reader.Optional("MLLP_TLS_CLIENT_THUMBPRINTS"));
        var clientCaFile = reader.Optional("MLLP_TLS_CLIENT_CA_FILE");
        TlsRequireClientCertificate = reader.Flag("MLLP_TLS_REQUIRE_CLIENT_CERT", false) || TlsClientThumbprints.Count > 0 || clientCaFile is not null;
        if (TlsCertificatePath is not null && !File.Exists(TlsCertificatePath))
        {
            reader.Fail($"MLLP_TLS_CERT_PATH names a file that does not exist: '{TlsCertificatePath}'");
        }
        else if (TlsCertificatePath is not null)
        {
            CheckCertificateLoads(reader);
        }

        if (TlsCertificatePath is null && (TlsKeyPath is not null || TlsRequireClientCertificate))
        {
            reader.Fail("MLLP_TLS_KEY_PATH, MLLP_TLS_REQUIRE_CLIENT_CERT, MLLP_TLS_CLIENT_THUMBPRINTS and MLLP_TLS_CLIENT_CA_FILE need MLLP_TLS_CERT_PATH");
        }

        if (clientCaFile is not null)
        {
            ReadClientCa(reader, clientCaFile);
        }
    }

    /// <summary>Loads the certificate once at start so a wrong key, password or format stops the service naming it.</summary>
    private void CheckCertificateLoads(SettingsReader reader)
    {
        try
        {
            using var certificate = IntegrationHub.Mllp.MllpCertificates.Load(TlsCertificatePath!, TlsKeyPath, TlsCertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                reader.Fail("MLLP_TLS_CERT_PATH has no private key: give a PFX with its key, a PEM with the key inside, or MLLP_TLS_KEY_PATH");
            }
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or ArgumentException or IOException)
        {
            reader.Fail($"MLLP_TLS_CERT_PATH could not be loaded with its key (check MLLP_TLS_KEY_PATH and MLLP_TLS_CERT_PASSWORD): {ex.Message}");
        }
    }

    private void ReadClientCa(SettingsReader reader, string path)
    {
        if (!File.Exists(path))
        {
            reader.Fail($"MLLP_TLS_CLIENT_CA_FILE names a file that does not exist: '{path}'");
            return;
        }

        try
        {
            TlsClientCertificateAuthorities.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            reader.Fail($"MLLP_TLS_CLIENT_CA_FILE could not be read as PEM certificates: {ex.Message}");
            return;
        }

        if (TlsClientCertificateAuthorities.Count == 0)
        {
            reader.Fail($"MLLP_TLS_CLIENT_CA_FILE holds no PEM certificate: '{path}'");
        }
    }

    private static string[] List(string? commaSeparated) =>
        commaSeparated is null ? [] : commaSeparated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
