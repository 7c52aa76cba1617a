using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// Certificate files for <c>hub send</c> and <c>hub listen</c>, loaded before any socket is opened: a file that cannot
/// be read is a configuration error (exit 2) naming the file, not a failed send or a listener that never answers.
/// </summary>
internal static class CertificateFiles
{
    /// <summary>A certificate with its private key: PFX, or PEM with the key in <paramref name="keyPath"/> or the same file.</summary>
    public static X509Certificate2 Certificate(string path, string? keyPath) => Load(path, () => MllpCertificates.Load(path, keyPath));

    /// <summary>Certificate authorities from a PEM bundle or one DER certificate.</summary>
    public static X509Certificate2Collection Authorities(string path) => Load(path, () =>
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

    private static T Load<T>(string path, Func<T> load)
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
