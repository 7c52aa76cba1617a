using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Cli.Tests;

/// <summary><c>hub listen --tls</c> (and mutual TLS) receiving from <c>hub send --tls</c>, certificates made for the test.</summary>
public sealed class ListenTlsTests : IDisposable
{
    private const string Message = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28^ADT_A05|LTLS-1|T|2.5\rPID|1||8888888^^^252^PI\r";

    private readonly string _directory = Directory.CreateTempSubdirectory("hub-cli-listen-tls-").FullName;
    private readonly X509Certificate2 _ca = TestCertificateAuthority.CreateCa("CN=hub listen test CA");
    private readonly X509Certificate2 _server;
    private readonly X509Certificate2 _client;

    public ListenTlsTests()
    {
        _server = TestCertificateAuthority.Issue(_ca, "CN=localhost", server: true);
        _client = TestCertificateAuthority.Issue(_ca, "CN=hub listen test client", server: false);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Listen_over_tls_receives_from_a_tls_sender_and_says_so()
    {
        await using var listener = await InProcessListener.StartAsync(ServerOptions());

        var sent = await SendAsync(listener, "--tls", "--ca", Ca());

        Assert.Equal(0, sent.ExitCode);
        Assert.Contains("MSA|AA|LTLS-1", sent.Output.Split('\n'));
        Assert.Contains("answering AA over TLS;", listener.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await listener.StopAsync());
        Assert.Contains("MSH-10 LTLS-1", listener.Output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_sender_gets_no_ACK_from_a_tls_listener()
    {
        await using var listener = await InProcessListener.StartAsync(ServerOptions());

        var sent = await SendAsync(listener);

        Assert.Equal(1, sent.ExitCode);
        Assert.Equal(0, await listener.StopAsync());
        Assert.Contains("stopped: 0 message(s) received", listener.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutual_tls_by_client_ca_takes_a_certified_client_and_refuses_one_without()
    {
        await using var listener = await InProcessListener.StartAsync([.. ServerOptions(), "--client-ca", Ca()]);

        var certified = await SendAsync(listener, ["--tls", "--ca", Ca(), .. ClientCertificate()]);
        var anonymous = await SendAsync(listener, "--tls", "--ca", Ca());

        Assert.Equal(0, certified.ExitCode);
        Assert.Equal(1, anonymous.ExitCode);
        Assert.Contains("over mutual TLS;", listener.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await listener.StopAsync());
        Assert.Contains("stopped: 1 message(s) received", listener.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutual_tls_by_thumbprint_refuses_another_certificate_from_the_same_ca()
    {
        using var other = TestCertificateAuthority.Issue(_ca, "CN=another client", server: false);
        await using var listener = await InProcessListener.StartAsync([.. ServerOptions(), "--client-thumbprint", _client.Thumbprint]);

        var pinned = await SendAsync(listener, ["--tls", "--ca", Ca(), .. ClientCertificate()]);
        var unpinned = await SendAsync(listener, "--tls", "--ca", Ca(), "--cert", Pem("other.pem", other.ExportCertificatePem()), "--key", Pem("other.key", other.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem()));

        Assert.Equal(0, pinned.ExitCode);
        Assert.Equal(1, unpinned.ExitCode);
    }

    [Theory]
    [InlineData("--tls")]
    [InlineData("--cert", "server.pem")]
    [InlineData("--client-ca", "ca.pem")]
    public async Task Incomplete_tls_options_are_usage_errors(params string[] options)
    {
        var result = await CliRunner.RunAsync(["listen", "--port", "0", .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tls", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_certificate_is_a_configuration_error_naming_the_file()
    {
        var missing = Path.Combine(_directory, "missing.pem");

        var result = await CliRunner.RunAsync("listen", "--port", "0", "--tls", "--cert", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    private string[] ServerOptions() =>
        ["--tls", "--cert", Pem("server.pem", _server.ExportCertificatePem()), "--key", Pem("server.key", _server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem())];

    private string[] ClientCertificate() =>
        ["--cert", Pem("client.pem", _client.ExportCertificatePem()), "--key", Pem("client.key", _client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem())];

    private string Ca() => Pem("ca.pem", _ca.ExportCertificatePem());

    private static Task<CliResult> SendAsync(InProcessListener listener, params string[] tlsOptions) =>
        CliRunner.RunAsync(["send", "--host", "localhost", "--port", listener.Port.ToString(CultureInfo.InvariantCulture), "--timeout", "10", .. tlsOptions, CliRunner.TempMessage(Message)]);

    private string Pem(string name, string pem)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, pem);
        return path;
    }
}
