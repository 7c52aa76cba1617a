using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Amqps_listener_serves_the_same_entities_with_a_pem_certificate()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string thumbprint;
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            thumbprint = cert.Thumbprint;
            await File.WriteAllTextAsync(Path.Combine(dir, "cert.pem"), cert.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(dir, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        await using var broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            TlsPort = 0,
            CertificatePemPath = Path.Combine(dir, "cert.pem"),
            KeyPemPath = Path.Combine(dir, "key.pem"),
            DataDirectory = Path.Combine(dir, "data"),
            Config = new BrokerConfig().WithQueue("secure", TestBroker.Fast()),
        });

        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        // Trust exactly the test certificate.
        factory.SSL.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase);
        var connection = await factory.CreateAsync(new Address($"amqps://localhost:{broker.TlsPort}"));
        try
        {
            var session = new Session(connection);
            var cbs = new SenderLink(session, "cbs", "$cbs");
            var reply = new ReceiverLink(session, "cbs-rx", new Attach { Source = new Source { Address = "$cbs" }, Target = new Target { Address = "me" } }, null);
            reply.SetCredit(1, CreditMode.Manual, 0);
            var put = new Message(SbClient.SasToken("sb://localhost/secure", BrokerOptions.DefaultKeyName, BrokerOptions.DefaultKey))
            {
                Properties = new Properties { MessageId = "1", ReplyTo = "me" },
                ApplicationProperties = new ApplicationProperties { ["operation"] = "put-token", ["type"] = "servicebus.windows.net:sastoken", ["name"] = "sb://localhost/secure" },
            };
            await cbs.SendAsync(put);
            var response = await reply.ReceiveAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(202, response.ApplicationProperties["status-code"]);

            var sender = new SenderLink(session, "s", "secure");
            await sender.SendAsync(SbClient.Text("over tls"));
            var receiver = new ReceiverLink(session, "r", "secure");
            receiver.SetCredit(1, CreditMode.Manual, 0);
            var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("over tls", SbClient.BodyText(message));
            receiver.Accept(message);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
