using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Mllp;
using IntegrationHub.ServiceDefaults.Configuration;

namespace IntegrationHub.Runtime.Sender;

/// <summary>
/// TLS towards the destination (RECEIVER_MLLP_TLS_*), the client-side counterpart of the server's MLLP_TLS_*. Every
/// file is loaded at start so a wrong path, password or format stops the service naming its variable rather than
/// failing at the first delivery.
/// </summary>
internal static class SenderTlsSettings
{
    private const string Enabled = "RECEIVER_MLLP_TLS_ENABLED";
    private const string CaFile = "RECEIVER_MLLP_TLS_CA_FILE";
    private const string ServerName = "RECEIVER_MLLP_TLS_SERVER_NAME";
    private const string ServerThumbprints = "RECEIVER_MLLP_TLS_SERVER_THUMBPRINTS";
    private const string ClientCertPath = "RECEIVER_MLLP_TLS_CLIENT_CERT_PATH";
    private const string ClientKeyPath = "RECEIVER_MLLP_TLS_CLIENT_KEY_PATH";
    private const string ClientCertPassword = "RECEIVER_MLLP_TLS_CLIENT_CERT_PASSWORD";

    private static readonly string[] Dependent = [CaFile, ServerName, ServerThumbprints, ClientCertPath, ClientKeyPath, ClientCertPassword];

    /// <summary>The client TLS options, or null for plain TCP; problems are recorded on <paramref name="reader"/>.</summary>
    public static MllpClientTlsOptions? Read(SettingsReader reader)
    {
        if (!reader.Flag(Enabled, false))
        {
            // A certificate or pin configured while TLS is off would silently send patient data in clear text.
            foreach (var name in Dependent.Where(name => reader.Optional(name) is not null))
            {
                reader.Fail($"{name} is set but {Enabled} is not 'true'");
            }

            return null;
        }

        var tls = new MllpClientTlsOptions { TargetHost = reader.Optional(ServerName) };
        ReadPins(reader, tls);
        ReadCa(reader, tls);
        ReadClientCertificate(reader, tls);
        return tls;
    }

    private static void ReadPins(SettingsReader reader, MllpClientTlsOptions tls)
    {
        var pins = reader.Optional(ServerThumbprints);
        if (pins is null)
        {
            return;
        }

        foreach (var pin in pins.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var hex = pin.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (hex.Length is not (40 or 64) || !hex.All(char.IsAsciiHexDigit))
            {
                reader.Fail($"{ServerThumbprints} must list SHA-1 (40) or SHA-256 (64) hex thumbprints (got '{pin}')");
                continue;
            }

            tls.PinnedServerThumbprints.Add(hex);
        }
    }

    private static void ReadCa(SettingsReader reader, MllpClientTlsOptions tls)
    {
        var path = reader.Optional(CaFile);
        if (path is null)
        {
            return;
        }

        if (!File.Exists(path))
        {
            reader.Fail($"{CaFile} names a file that does not exist: '{path}'");
            return;
        }

        try
        {
            tls.TrustedCertificateAuthorities.ImportFromPemFile(path);
        }
        catch (CryptographicException ex)
        {
            reader.Fail($"{CaFile} could not be read as PEM certificates: {ex.Message}");
            return;
        }

        if (tls.TrustedCertificateAuthorities.Count == 0)
        {
            reader.Fail($"{CaFile} holds no PEM certificate: '{path}'");
        }
    }

    private static void ReadClientCertificate(SettingsReader reader, MllpClientTlsOptions tls)
    {
        var path = reader.Optional(ClientCertPath);
        var keyPath = reader.Optional(ClientKeyPath);
        if (path is null)
        {
            if (keyPath is not null || reader.Optional(ClientCertPassword) is not null)
            {
                reader.Fail($"{ClientKeyPath} and {ClientCertPassword} need {ClientCertPath}");
            }

            return;
        }

        foreach (var (name, file) in new[] { (ClientCertPath, path), (ClientKeyPath, keyPath) })
        {
            if (file is not null && !File.Exists(file))
            {
                reader.Fail($"{name} names a file that does not exist: '{file}'");
                return;
            }
        }

        X509Certificate2 certificate;
        try
        {
            certificate = MllpCertificates.Load(path, keyPath, reader.Optional(ClientCertPassword));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            reader.Fail($"{ClientCertPath} could not be loaded with its key (check {ClientKeyPath} and {ClientCertPassword}): {ex.Message}");
            return;
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            reader.Fail($"{ClientCertPath} has no private key: give a PFX with its key, a PEM with the key inside, or {ClientKeyPath}");
            return;
        }

        tls.ClientCertificate = certificate;
    }
}
