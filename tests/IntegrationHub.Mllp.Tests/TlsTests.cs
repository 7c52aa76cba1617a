using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Mllp.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mllp-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<MllpListener> StartTlsAsync(MllpServerTlsOptions tls) =>
        TestListeners.StartAsync(TestListeners.Echo, o => o.Tls = tls);

    private static MllpClient TlsClient(MllpListener listener, Action<MllpClientTlsOptions> configure)
    {
        var tls = new MllpClientTlsOptions { TargetHost = "localhost" };
        configure(tls);
        return TestListeners.Client(listener, o => o.Tls = tls);
    }

    [Fact]
    public async Task Client_trusting_the_test_CA_gets_an_ack_over_TLS()
    {
        await using var listener = await StartTlsAsync(new MllpServerTlsOptions { Certificate = TestCertificates.Server });
        await using var client = TlsClient(listener, t => t.TrustedCertificateAuthorities.Add(TestCertificates.Ca));
        var result = await client.SendAsync("MSH|tls");
        Assert.Equal(MllpSendStatus.AckReceived, result.Status);
        Assert.Equal("ACK:MSH|tls", result.ResponseText);
    }

    [Fact]
    public async Task Client_refuses_a_server_from_another_CA_or_a_wrong_pin_and_accepts_the_right_pin()
    {
        await using var listener = await StartTlsAsync(new MllpServerTlsOptions { Certificate = TestCertificates.Server });
        await using (var wrongCa = TlsClient(listener, t => t.TrustedCertificateAuthorities.Add(TestCertificates.OtherCa)))
        {
            Assert.Equal(MllpSendStatus.ConnectFailed, (await wrongCa.SendAsync("x")).Status);
        }

        await using (var wrongPin = TlsClient(listener, t => t.PinnedServerThumbprints.Add(TestCertificates.Client.Thumbprint)))
        {
            Assert.Equal(MllpSendStatus.ConnectFailed, (await wrongPin.SendAsync("x")).Status);
        }

        var sha256 = TestCertificates.Server.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await using var pinned = TlsClient(listener, t =>
        {
            t.TargetHost = "not-the-name-on-the-certificate";
            t.PinnedServerThumbprints.Add(string.Join(':', sha256.Chunk(2).Select(c => new string(c))).ToLowerInvariant());
        });
        Assert.True((await pinned.SendAsync("x")).IsAckReceived);
    }

    [Fact]
    public async Task Mutual_TLS_accepts_the_pinned_client_and_refuses_others()
    {
        var calls = 0;
        var tls = new MllpServerTlsOptions { Certificate = TestCertificates.Server, RequireClientCertificate = true };
        tls.AllowedClientThumbprints.Add(TestCertificates.Client.Thumbprint);
        await using var listener = await TestListeners.StartAsync(
            (r, c) =>
            {
                Interlocked.Increment(ref calls);
                Assert.Equal(TestCertificates.Client.Thumbprint, r.Connection.ClientCertificate?.Thumbprint);
                return TestListeners.Echo(r, c);
            },
            o => o.Tls = tls);

        await using (var good = TlsClient(listener, t =>
        {
            t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
            t.ClientCertificate = TestCertificates.Client;
        }))
        {
            Assert.Equal("ACK:hi", (await good.SendAsync("hi")).ResponseText);
        }

        foreach (var certificate in new X509Certificate2?[] { TestCertificates.Stranger, null })
        {
            await using var bad = TlsClient(listener, t =>
            {
                t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
                t.ClientCertificate = certificate;
            });
            var result = await bad.SendAsync("hi");
            Assert.NotEqual(MllpSendStatus.AckReceived, result.Status);
        }

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Under_TLS_1_3_a_refused_client_certificate_fails_the_connect_not_the_first_send()
    {
        var tls = new MllpServerTlsOptions { Certificate = TestCertificates.Server, RequireClientCertificate = true };
        tls.AllowedClientThumbprints.Add(TestCertificates.Client.Thumbprint);
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.Tls = tls);

        foreach (var certificate in new X509Certificate2?[] { TestCertificates.Stranger, null })
        {
            await using var refused = TlsClient(listener, t =>
            {
                t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
                t.ClientCertificate = certificate;
                t.EnabledProtocols = System.Security.Authentication.SslProtocols.Tls13;
            });
            var error = await Assert.ThrowsAsync<System.Security.Authentication.AuthenticationException>(() => refused.ConnectAsync().AsTask());
            Assert.Contains("refused this client", error.Message, StringComparison.Ordinal);
        }

        await using var accepted = TlsClient(listener, t =>
        {
            t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
            t.ClientCertificate = TestCertificates.Client;
            t.EnabledProtocols = System.Security.Authentication.SslProtocols.Tls13;
        });
        await accepted.ConnectAsync();
        Assert.Equal("ACK:hi", (await accepted.SendAsync("hi")).ResponseText);
    }

    [Fact]
    public async Task Mutual_TLS_by_client_CA_and_certificates_loaded_from_PEM_and_PFX_files()
    {
        var certPem = Path.Combine(_folder, "server.pem");
        var keyPem = Path.Combine(_folder, "server.key");
        await File.WriteAllTextAsync(certPem, TestCertificates.Server.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPem, TestCertificates.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var clientPfx = Path.Combine(_folder, "client.pfx");
        await File.WriteAllBytesAsync(clientPfx, TestCertificates.Client.Export(X509ContentType.Pkcs12, "secret"));

        var tls = new MllpServerTlsOptions { CertificatePath = certPem, KeyPath = keyPem, RequireClientCertificate = true };
        tls.ClientCertificateAuthorities.Add(TestCertificates.Ca);
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.Tls = tls);

        await using var client = TlsClient(listener, t =>
        {
            t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
            t.CertificatePath = clientPfx;
            t.CertificatePassword = "secret";
        });
        Assert.Equal("ACK:files", (await client.SendAsync("files")).ResponseText);

        await using var stranger = TlsClient(listener, t =>
        {
            t.TrustedCertificateAuthorities.Add(TestCertificates.Ca);
            t.ClientCertificate = TestCertificates.Stranger;
        });
        Assert.NotEqual(MllpSendStatus.AckReceived, (await stranger.SendAsync("x")).Status);
    }

    [Fact]
    public async Task Plain_client_against_a_TLS_listener_gets_nothing()
    {
        await using var listener = await StartTlsAsync(new MllpServerTlsOptions { Certificate = TestCertificates.Server });
        await using var client = TestListeners.Client(listener, o => o.AckTimeout = TimeSpan.FromSeconds(3));
        Assert.NotEqual(MllpSendStatus.AckReceived, (await client.SendAsync("plain")).Status);
    }
}
