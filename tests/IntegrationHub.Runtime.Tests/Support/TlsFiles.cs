using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>
/// Certificates made for one test run — a CA, a server certificate for localhost/127.0.0.1 and a client certificate it
/// issued, and an unrelated CA — written as PEM files the way an operator would supply them.
/// </summary>
public sealed class TlsFiles : IDisposable
{
    public TlsFiles()
    {
        Folder = Directory.CreateTempSubdirectory("hub-tls-").FullName;
        Ca = CreateCa("CN=IntegrationHub Test MPI CA");
        OtherCa = CreateCa("CN=Unrelated CA");
        Server = Issue(Ca, "CN=localhost", server: true);
        Client = Issue(Ca, "CN=hub-sender", server: false);
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());
        File.WriteAllText(OtherCaPath, OtherCa.ExportCertificatePem());
        File.WriteAllText(ClientCertPath, Client.ExportCertificatePem());
        using var key = Client.GetECDsaPrivateKey()!;
        File.WriteAllText(ClientKeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(ClientPfxPath, Client.Export(X509ContentType.Pkcs12, "pfx-secret"));
        File.WriteAllText(ServerCertPath, Server.ExportCertificatePem());
        using var serverKey = Server.GetECDsaPrivateKey()!;
        File.WriteAllText(ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string Folder { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 OtherCa { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public string CaPath => Path.Combine(Folder, "ca.pem");

    public string OtherCaPath => Path.Combine(Folder, "other-ca.pem");

    public string ClientCertPath => Path.Combine(Folder, "client.crt");

    public string ClientKeyPath => Path.Combine(Folder, "client.key");

    public string ClientPfxPath => Path.Combine(Folder, "client.pfx");

    public string ServerCertPath => Path.Combine(Folder, "server.crt");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public void Dispose()
    {
        foreach (var certificate in new[] { Ca, OtherCa, Server, Client })
        {
            certificate.Dispose();
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }
}
