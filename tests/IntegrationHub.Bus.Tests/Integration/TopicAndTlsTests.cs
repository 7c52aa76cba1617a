using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;

namespace IntegrationHub.Bus.Tests.Integration;

public sealed class TopicAndTlsTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Topic_messages_reach_the_subscriptions_whose_filters_match()
    {
        await using var client = fixture.CreateClient();
        await using var sender = client.CreateSender("events");
        await sender.SendAsync(new OutgoingMessage("1"u8.ToArray()) { MessageId = "E1", ApplicationProperties = { ["workflow_id"] = "phw" } });
        await sender.SendAsync(new OutgoingMessage("2"u8.ToArray()) { MessageId = "E2", ApplicationProperties = { ["workflow_id"] = "pims" } });

        await using var audit = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("events/Subscriptions/audit"));
        var all = new List<ReceivedMessage>();
        for (var i = 0; i < 10 && all.Count < 2; i++)
        {
            all.AddRange(await audit.ReceiveAsync(2 - all.Count, Wait));
        }

        Assert.Equal(["E1", "E2"], all.Select(m => m.MessageId));

        await using var phw = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("events/Subscriptions/phw"));
        var only = Assert.Single(await phw.ReceiveAsync(2, Wait));
        Assert.Equal("E1", only.MessageId);
        Assert.Empty(await phw.ReceiveAsync(1, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Tls_connection_to_a_namespace_style_endpoint_works_with_a_trusted_test_certificate()
    {
        using var certificate = CreateCertificate();
        var dir = Path.Combine(Path.GetTempPath(), "bus-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            TlsPort = 0,
            Certificate = certificate,
            DataDirectory = dir,
            Config = BrokerFixture.Config,
        });
        try
        {
            string? seenThumbprint = null;
            var options = BrokerFixture.FastOptions(
                $"Endpoint=sb://127.0.0.1:{broker.TlsPort};SharedAccessKeyName={BrokerOptions.DefaultKeyName};SharedAccessKey={BrokerOptions.DefaultKey}");
            options.RemoteCertificateValidation = (_, cert, _, _) =>
            {
                seenThumbprint = cert?.GetCertHashString();
                return seenThumbprint == certificate.GetCertHashString();
            };
            await using var client = BusClientFactory.Create(options);
            await using var sender = client.CreateSender("send");
            await sender.SendAsync(OutgoingMessage.FromText("over tls"));
            await using var receiver = await client.CreateReceiverAsync(ReceiverOptions.ForQueue("send"));
            var m = Assert.Single(await receiver.ReceiveAsync(1, Wait));
            Assert.Equal("over tls", m.BodyAsString());
            await receiver.CompleteAsync(m);
            Assert.Equal(certificate.GetCertHashString(), seenThumbprint);
        }
        finally
        {
            await broker.DisposeAsync();
            BrokerFixture.TryDelete(dir);
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
