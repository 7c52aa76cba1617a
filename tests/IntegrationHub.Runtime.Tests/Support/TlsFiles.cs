using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Testing;

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
        Ca = TestCertificateAuthority.CreateCa("CN=IntegrationHub Test MPI CA");
        OtherCa = TestCertificateAuthority.CreateCa("CN=Unrelated CA");
        Server = TestCertificateAuthority.Issue(Ca, "CN=localhost", server: true);
        Client = TestCertificateAuthority.Issue(Ca, "CN=hub-sender", server: false);
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
}
