using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Mllp;

/// <summary>Loading certificates named in configuration and validating peers (pinning or a custom root).</summary>
public static class MllpCertificates
{
    /// <summary>
    /// Loads a certificate with its private key: a PFX/PKCS#12 file, or a PEM certificate with its key in
    /// <paramref name="keyPath"/> (or in the same file when <paramref name="keyPath"/> is null).
    /// </summary>
    public static X509Certificate2 Load(string path, string? keyPath = null, string? password = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!IsPem(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        var certificate = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // SChannel cannot use the ephemeral key a PEM import produces; a PKCS#12 round trip gives it a usable one.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>True when <paramref name="certificate"/>'s SHA-1 or SHA-256 thumbprint is in <paramref name="thumbprints"/>.</summary>
    public static bool MatchesThumbprint(X509Certificate certificate, IEnumerable<string> thumbprints)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(thumbprints);
        var sha1 = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA1);
        var sha256 = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var candidate in thumbprints)
        {
            var normalised = Normalise(candidate);
            if (normalised.Equals(sha1, StringComparison.OrdinalIgnoreCase) || normalised.Equals(sha256, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The validation rule used on both sides: pinned thumbprints win when given; otherwise the chain must be trusted
    /// (by <paramref name="customRoots"/> when given, else the system store) and, for servers, the name must match.
    /// </summary>
    internal static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, IList<string> pinned, X509Certificate2Collection customRoots)
    {
        if (certificate is null)
        {
            return false;
        }

        if (pinned.Count > 0)
        {
            return MatchesThumbprint(certificate, pinned);
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        if (customRoots.Count == 0)
        {
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(customRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private static bool IsPem(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (extension is ".pem" or ".crt" or ".cer")
        {
            return true;
        }

        // Unknown extension: PEM files are text starting with a "-----BEGIN" line.
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[10];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read].SequenceEqual("-----BEGIN"u8);
    }

    private static string Normalise(string thumbprint) =>
        thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
}
