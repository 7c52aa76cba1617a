using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Testing;

namespace IntegrationHub.Mllp.Tests;

/// <summary>Certificates made in the test run: a CA, a server certificate it issued, and client certificates.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyCa = new(() => TestCertificateAuthority.CreateCa("CN=IntegrationHub Test CA"));
    private static readonly Lazy<X509Certificate2> LazyOtherCa = new(() => TestCertificateAuthority.CreateCa("CN=Some Other CA"));
    private static readonly Lazy<X509Certificate2> LazyServer = new(() => TestCertificateAuthority.Issue(Ca, "CN=localhost", server: true));
    private static readonly Lazy<X509Certificate2> LazyClient = new(() => TestCertificateAuthority.Issue(Ca, "CN=hub-sender", server: false));
    private static readonly Lazy<X509Certificate2> LazyStranger = new(() => TestCertificateAuthority.Issue(OtherCa, "CN=stranger", server: false));

    public static X509Certificate2 Ca => LazyCa.Value;

    public static X509Certificate2 OtherCa => LazyOtherCa.Value;

    public static X509Certificate2 Server => LazyServer.Value;

    public static X509Certificate2 Client => LazyClient.Value;

    public static X509Certificate2 Stranger => LazyStranger.Value;
}
