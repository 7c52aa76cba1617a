using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Mllp;

/// <summary>TLS for an MLLP listener; set <see cref="RequireClientCertificate"/> for mutual TLS.</summary>
public sealed class MllpServerTlsOptions
{
    /// <summary>The server certificate with its private key; when null it is loaded from <see cref="CertificatePath"/>.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A PFX/PKCS#12 file, or a PEM certificate file (then <see cref="KeyPath"/> names the PEM key, unless the key is in the same file).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key file that goes with a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PFX file or of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Mutual TLS: a client without a certificate, or with one that fails validation, is refused.</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>
    /// Client certificates accepted by thumbprint (SHA-1 or SHA-256 hex; case, spaces and colons ignored). When not
    /// empty, only these are accepted and chain trust is not consulted — pinning replaces it.
    /// </summary>
    public IList<string> AllowedClientThumbprints { get; } = [];

    /// <summary>Roots that client certificates must chain to when no thumbprints are pinned; the system store otherwise.</summary>
    public X509Certificate2Collection ClientCertificateAuthorities { get; } = [];

    /// <summary>Protocols offered; <see cref="SslProtocols.None"/> lets the OS choose (TLS 1.2/1.3).</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    internal X509Certificate2 ResolveCertificate() =>
        Certificate ?? MllpCertificates.Load(
            CertificatePath ?? throw new InvalidOperationException("TLS is enabled but neither Certificate nor CertificatePath is set."),
            KeyPath,
            CertificatePassword);
}

/// <summary>TLS for an MLLP client.</summary>
public sealed class MllpClientTlsOptions
{
    /// <summary>The server name to validate and send as SNI; defaults to the host the client connects to.</summary>
    public string? TargetHost { get; set; }

    /// <summary>The client certificate for mutual TLS; when null it is loaded from <see cref="CertificatePath"/> if set.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>A PFX or PEM client certificate file (see <see cref="MllpServerTlsOptions.CertificatePath"/>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM key of a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PFX file or encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Server certificates accepted by thumbprint (SHA-1 or SHA-256 hex). When not empty, only these are accepted and
    /// neither the chain nor the host name is checked.
    /// </summary>
    public IList<string> PinnedServerThumbprints { get; } = [];

    /// <summary>Roots the server certificate must chain to (e.g. a test CA); the system store when empty.</summary>
    public X509Certificate2Collection TrustedCertificateAuthorities { get; } = [];

    /// <summary>Protocols offered; <see cref="SslProtocols.None"/> lets the OS choose.</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    /// <summary>
    /// Under TLS 1.3 a server refuses the client's certificate only after the client's side of the handshake has
    /// finished, by an alert and a close. The client waits this long after the handshake for that close, so a refusal
    /// fails the connect (as it does under TLS 1.2) instead of the first send. Paid once per connection; zero skips it.
    /// </summary>
    public TimeSpan RefusalWait { get; set; } = TimeSpan.FromMilliseconds(250);
}
