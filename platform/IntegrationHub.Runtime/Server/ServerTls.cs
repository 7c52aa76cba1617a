using IntegrationHub.Mllp;

namespace IntegrationHub.Runtime.Server;

internal static class ServerTls
{
    /// <summary>TLS for the listener when MLLP_TLS_CERT_PATH is set (PFX, or PEM with MLLP_TLS_KEY_PATH).</summary>
    public static MllpServerTlsOptions? FromSettings(Hl7ServerSettings settings)
    {
        if (settings.TlsCertificatePath is null)
        {
            return null;
        }

        var tls = new MllpServerTlsOptions
        {
            CertificatePath = settings.TlsCertificatePath,
            KeyPath = settings.TlsKeyPath,
            CertificatePassword = settings.TlsCertificatePassword,
            RequireClientCertificate = settings.TlsRequireClientCertificate,
        };
        foreach (var thumbprint in settings.TlsClientThumbprints)
        {
            tls.AllowedClientThumbprints.Add(thumbprint);
        }

        tls.ClientCertificateAuthorities.AddRange(settings.TlsClientCertificateAuthorities);

        return tls;
    }
}
