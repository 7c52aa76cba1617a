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
            tls.TrustedCertificateAuthorities.AddRange(CertificateFiles.Authorities(ca));
        }

        if (cert is not null)
        {
            tls.ClientCertificate = CertificateFiles.Certificate(cert, key);
        }

        return tls;
    }
}
