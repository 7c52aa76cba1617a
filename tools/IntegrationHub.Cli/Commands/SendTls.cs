using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// The TLS options of <c>hub send</c>: <c>--tls</c>, <c>--ca</c> (the roots the server's certificate must chain to,
/// instead of the system store), <c>--cert</c>/<c>--key</c> (a client certificate for mutual TLS). Certificates are
/// loaded here, before anything is sent, so a bad file is a configuration error (exit 2), not a failed send.
/// </summary>
public static class SendTls
{
    public static MllpClientTlsOptions? FromArguments(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var ca = arguments.Option("ca");
        var cert = arguments.Option("cert");
        var key = arguments.Option("key");
        if (!arguments.Flag("tls"))
        {
            if (ca is not null || cert is not null || key is not null)
            {
                throw new UsageException("--ca, --cert and --key need --tls.");
            }

            return null;
        }

        if (key is not null && cert is null)
        {
            throw new UsageException("--key needs --cert.");
        }

        var tls = new MllpClientTlsOptions();
        if (ca is not null)
        {
            tls.TrustedCertificateAuthorities.AddRange(LoadAuthorities(ca));
        }

        if (cert is not null)
        {
            tls.ClientCertificate = Load(cert, () => MllpCertificates.Load(cert, key));
        }

        return tls;
    }

    /// <summary>Certificate authorities from a PEM bundle or one DER certificate.</summary>
    internal static X509Certificate2Collection LoadAuthorities(string path) => Load(path, () =>
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            // Not PEM: a single DER certificate.
            roots.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        return roots;
    });

    /// <summary>Loads a certificate file, turning any failure into a configuration error that names the file.</summary>
    internal static T Load<T>(string path, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InputException($"Cannot load the certificate '{path}': {ex.Message}");
        }
    }
}
