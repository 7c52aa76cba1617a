using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Tests;

/// <summary><c>hub send --tls</c> against a TLS MLLP listener, with certificates made for the test.</summary>
public sealed class SendTlsTests : IDisposable
{
    private const string Message = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28^ADT_A05|TLS-1|T|2.5\rPID|1||8888888^^^252^PI\r";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("hub-cli-tls-").FullName;

    public SendTlsTests()
    {
        var caRequest = new CertificateRequest("CN=hub cli test CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _ca = caRequest.CreateSelfSigned(_now.AddDays(-1), _now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(_ca, _now.AddHours(-1), _now.AddDays(1), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(serverKey);

        // A PKCS#12 round trip gives the key a form every platform's TLS stack accepts.
        _server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _server.Dispose();
        _ca.Dispose();
        _caKey.Dispose();
    }

    [Fact]
    public async Task Send_with_tls_trusting_the_given_CA_gets_the_ACK()
    {
        await using var listener = await StartAsync(requireClientCertificate: null);

        var result = await SendAsync(listener, "--tls", "--ca", WritePem("ca.pem", _ca.ExportCertificatePem()));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("MSA|AA|TLS-1", result.Output.Split('\n'));
    }

    [Fact]
    public async Task Send_with_tls_fails_when_the_server_certificate_is_not_trusted()
    {
        await using var listener = await StartAsync(requireClientCertificate: null);

        var result = await SendAsync(listener, "--tls");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed (ConnectFailed)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_with_a_client_certificate_passes_mutual_tls()
    {
        using var clientKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=hub cli test client", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = request.CreateSelfSigned(_now.AddDays(-1), _now.AddDays(1));
        await using var listener = await StartAsync(requireClientCertificate: client.Thumbprint);
        var ca = WritePem("ca.pem", _ca.ExportCertificatePem());

        var withCertificate = await SendAsync(
            listener, "--tls", "--ca", ca, "--cert", WritePem("client.pem", client.ExportCertificatePem()), "--key", WritePem("client.key", clientKey.ExportPkcs8PrivateKeyPem()));
        var without = await SendAsync(listener, "--tls", "--ca", ca);

        Assert.Equal(0, withCertificate.ExitCode);
        Assert.Contains("MSA|AA|TLS-1", withCertificate.Output.Split('\n'));
        Assert.Equal(1, without.ExitCode);
    }

    private async Task<MllpListener> StartAsync(string? requireClientCertificate)
    {
        var tls = new MllpServerTlsOptions { Certificate = _server, RequireClientCertificate = requireClientCertificate is not null };
        if (requireClientCertificate is not null)
        {
            tls.AllowedClientThumbprints.Add(requireClientCertificate);
        }

        var listener = new MllpListener(new MllpListenerOptions { Host = "127.0.0.1", Port = 0, Tls = tls }, (request, _) =>
        {
            var message = Hl7Message.Parse(Encoding.UTF8.GetString(request.Payload.Span));
            return ValueTask.FromResult<MllpResponse?>(MllpResponse.Framed(Hl7AckBuilder.BuildFramed(message)));
        });
        await listener.StartAsync();
        return listener;
    }

    private static Task<CliResult> SendAsync(MllpListener listener, params string[] tlsOptions)
    {
        var port = listener.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);
        return CliRunner.RunAsync(["send", "--host", "localhost", "--port", port, "--timeout", "10", .. tlsOptions, CliRunner.TempMessage(Message)]);
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
