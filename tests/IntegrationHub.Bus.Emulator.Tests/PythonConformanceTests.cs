using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>
/// Microsoft's python azure-servicebus 7.8.2 (Debian python3-azure, uamqp) against the broker over TLS:
/// CBS with MSSBCBS, batch send, next-available session, FIFO receive, session lock/state, complete, dead-letter.
/// </summary>
public sealed class PythonConformanceTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Microsoft_python_client_sends_and_receives_with_sessions_over_tls()
    {
        // The conformance peer is part of the test set-up (.ci/install-test-deps.sh installs it): missing is a failure.
        Assert.True(await PythonClientAvailableAsync(), "Microsoft's python client is missing: run .ci/install-test-deps.sh (Debian python3-azure).");

        var dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        using var certificate = CreateCertificate();
        var caPath = Path.Combine(dir, "ca.pem");
        await File.WriteAllTextAsync(caPath, certificate.ExportCertificatePem());
        await using var broker = await EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            TlsPort = 0,
            Certificate = certificate,
            DataDirectory = Path.Combine(dir, "data"),
            Config = new BrokerConfig().WithQueue("hl7", TestBroker.Fast(sessions: true)),
        });

        var (exitCode, output) = await RunAsync(Path.Combine(AppContext.BaseDirectory, "Python", "conformance.py"),
            broker.TlsPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), caPath);
        Assert.True(exitCode == 0 && output.Contains("OK", StringComparison.Ordinal), output);
    }

    private static async Task<bool> PythonClientAvailableAsync()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        var (exitCode, _) = await RunAsync("-c", "import azure.servicebus, uamqp");
        return exitCode == 0;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + await stdout + await stderr);
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
