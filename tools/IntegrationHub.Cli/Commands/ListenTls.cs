using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// The TLS options of <c>hub listen</c>, for trying a sender that speaks MLLP over TLS: <c>--tls</c> with
/// <c>--cert</c> (PFX, or PEM with <c>--key</c>); for mutual TLS <c>--client-ca</c> (client certificates must chain
/// to these roots) and/or <c>--client-thumbprint T[,T…]</c> (only these certificates, pinned). The certificate is
/// loaded before listening, so a bad file is a configuration error (exit 2).
/// </summary>
public static class ListenTls
{
    public static readonly string[] OptionNames = ["tls", "cert", "key", "client-ca", "client-thumbprint"];

    public static MllpServerTlsOptions? FromArguments(CommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var cert = arguments.Option("cert");
        var key = arguments.Option("key");
        var clientCa = arguments.Option("client-ca");
        var thumbprints = arguments.Option("client-thumbprint");
        if (!arguments.Flag("tls"))
        {
            if (cert is not null || key is not null || clientCa is not null || thumbprints is not null)
            {
                throw new UsageException("--cert, --key, --client-ca and --client-thumbprint need --tls.");
            }

            return null;
        }

        if (cert is null)
        {
            throw new UsageException("--tls needs --cert FILE (PFX, or PEM with --key FILE): the listener's certificate.");
        }

        var tls = new MllpServerTlsOptions { Certificate = CertificateFiles.Certificate(cert, key) };
        if (clientCa is not null)
        {
            tls.RequireClientCertificate = true;
            tls.ClientCertificateAuthorities.AddRange(CertificateFiles.Authorities(clientCa));
        }

        foreach (var thumbprint in (thumbprints ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            tls.RequireClientCertificate = true;
            tls.AllowedClientThumbprints.Add(thumbprint);
        }

        return tls;
    }
}
