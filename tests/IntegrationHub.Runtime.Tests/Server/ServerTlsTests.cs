using System.Text;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Tests.Support;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Runtime.Tests.Server;

/// <summary>The HL7 server host with TLS / mutual TLS from MLLP_TLS_* (PEM files as an operator supplies them).</summary>
public sealed class ServerTlsTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly TlsFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Message(string controlId) =>
        $"MSH|^~\\&|252|252|100|100|20250101||ADT^A28^ADT_A05|{controlId}|P|2.5\rPID|||123^^^252^PI||SURNAME";

    private Dictionary<string, string?> Variables(string session, params (string Name, string? Value)[] tls)
    {
        var variables = ServerHost.Variables(broker);
        variables["EGRESS_SESSION_ID"] = session;
        variables["MLLP_TLS_CERT_PATH"] = _files.ServerCertPath;
        variables["MLLP_TLS_KEY_PATH"] = _files.ServerKeyPath;
        foreach (var (name, value) in tls)
        {
            variables[name] = value;
        }

        return variables;
    }

    private async Task<MllpSendResult> SendAsync(ServerHost server, string controlId, bool withClientCertificate)
    {
        var tls = new MllpClientTlsOptions { TargetHost = "localhost" };
        tls.TrustedCertificateAuthorities.Add(_files.Ca);
        if (withClientCertificate)
        {
            tls.ClientCertificate = _files.Client;
        }

        await using var client = new MllpClient(new MllpClientOptions { Port = server.Endpoint.Port, AckTimeout = TimeSpan.FromSeconds(20), Tls = tls });
        return await client.SendAsync(Message(controlId));
    }

    [Fact]
    public async Task Mutual_TLS_with_a_client_CA_file_acknowledges_a_client_it_issued_and_refuses_one_without_a_certificate()
    {
        await using var server = await ServerHost.StartAsync(Variables("server-mtls", ("MLLP_TLS_CLIENT_CA_FILE", _files.CaPath)));

        var accepted = await SendAsync(server, "MTLS-1", withClientCertificate: true);
        var refused = await SendAsync(server, "MTLS-2", withClientCertificate: false);

        Assert.True(accepted.IsAckReceived, accepted.Error);
        Assert.Contains("MSA|AA|MTLS-1", accepted.ResponseText, StringComparison.Ordinal);
        Assert.False(refused.IsAckReceived);
        var queued = await broker.DrainAsync(BrokerFixture.TransformerIngress, "server-mtls");
        Assert.Equal([Message("MTLS-1")], queued.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
    }

    [Fact]
    public async Task A_client_certificate_from_another_CA_is_refused()
    {
        await using var server = await ServerHost.StartAsync(Variables("server-other-ca", ("MLLP_TLS_CLIENT_CA_FILE", _files.OtherCaPath)));

        var refused = await SendAsync(server, "OTHER-1", withClientCertificate: true);

        Assert.False(refused.IsAckReceived);
        Assert.Empty(await broker.DrainAsync(BrokerFixture.TransformerIngress, "server-other-ca", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Bad_TLS_files_stop_the_server_at_start_naming_the_variable()
    {
        var missingCa = Variables("bad", ("MLLP_TLS_CLIENT_CA_FILE", "/nonexistent/ca.pem"));
        var wrongKey = Variables("bad", ("MLLP_TLS_KEY_PATH", _files.ClientKeyPath));

        var caError = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerHost.StartAsync(missingCa));
        var keyError = await Assert.ThrowsAsync<OptionsValidationException>(() => ServerHost.StartAsync(wrongKey));

        Assert.Contains("MLLP_TLS_CLIENT_CA_FILE names a file that does not exist: '/nonexistent/ca.pem'", caError.Failures);
        Assert.Contains(keyError.Failures, f => f.StartsWith("MLLP_TLS_CERT_PATH could not be loaded with its key", StringComparison.Ordinal));
    }
}
