using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Bus;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Sender;
using IntegrationHub.Runtime.Tests.Support;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Runtime.Tests.Sender;

/// <summary>The sender host delivering over TLS and mutual TLS configured by RECEIVER_MLLP_TLS_* (spec §8, §21).</summary>
public sealed class SenderTlsTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IDisposable
{
    private readonly TlsFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A TLS destination that ACKs AA and records the control ids it received.</summary>
    private sealed class TlsDestination : IAsyncDisposable
    {
        private readonly MllpListener _listener;

        public TlsDestination(MllpServerTlsOptions tls)
        {
            _listener = new MllpListener(
                new MllpListenerOptions { Port = 0, KeepConnectionOpen = true, Tls = tls },
                (request, _) =>
                {
                    var message = Hl7Message.Parse(Encoding.UTF8.GetString(request.Payload.Span));
                    Received.Enqueue(message.Get("MSH-10"));
                    return ValueTask.FromResult<MllpResponse?>(MllpResponse.Payload(Hl7AckBuilder.Build(message, Hl7AckCode.AA)));
                });
        }

        public ConcurrentQueue<string> Received { get; } = new();

        public int Port => _listener.LocalEndPoint.Port;

        public Task StartAsync() => _listener.StartAsync();

        public ValueTask DisposeAsync() => _listener.DisposeAsync();
    }

    private Dictionary<string, string?> Variables(string session, int port, params (string Name, string? Value)[] tls)
    {
        var variables = broker.SenderVariables(session, port, Path.Combine(_files.Folder, "state-" + session));
        variables["ACK_TIMEOUT_SECONDS"] = "10";
        variables["RECEIVER_MLLP_TLS_ENABLED"] = "true";
        foreach (var (name, value) in tls)
        {
            variables[name] = value;
        }

        return variables;
    }

    private async Task EnqueueAsync(string session, string controlId)
    {
        var message = $"MSH|^~\\&|HUB|HUB|MPI|MPI|20250101||ADT^A28^ADT_A05|{controlId}|P|2.5\rPID|||123^^^252^PI||SURNAME";
        await broker.Client.CreateSender(BrokerFixture.SenderIngress)
            .SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(message)) { SessionId = session, MessageId = controlId });
    }

    private async Task<(bool Delivered, int LeftOnQueue)> RunSenderAsync(TlsDestination destination, string session, TimeSpan wait, params (string Name, string? Value)[] tls)
    {
        await EnqueueAsync(session, session + "-1");
        var host = await ServiceHost.StartAsync(Variables(session, destination.Port, tls), b => b.AddHl7Sender());
        var delivered = await ServiceHost.EventuallyAsync(() => destination.Received.Contains(session + "-1"), wait);

        // The destination has the message a moment before the sender's completion reaches the broker; a stop in that
        // moment leaves it for a redelivery (which the duplicate log would skip), not what these tests are about.
        if (delivered)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await ServiceHost.StopAsync(host);
        var left = await broker.DrainAsync(BrokerFixture.SenderIngress, session, TimeSpan.FromSeconds(3));
        return (delivered, left.Count);
    }

    [Fact]
    public async Task Delivers_over_TLS_to_a_destination_whose_certificate_chains_to_the_configured_CA()
    {
        await using var destination = new TlsDestination(new MllpServerTlsOptions { Certificate = _files.Server });
        await destination.StartAsync();

        var (delivered, left) = await RunSenderAsync(destination, "tls", TimeSpan.FromSeconds(30), ("RECEIVER_MLLP_TLS_CA_FILE", _files.CaPath), ("RECEIVER_MLLP_TLS_SERVER_NAME", "localhost"));

        Assert.True(delivered);
        Assert.Equal(0, left);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("pfx")]
    public async Task Delivers_over_mutual_TLS_with_the_client_certificate_from_the_environment(string format)
    {
        var tls = new MllpServerTlsOptions { Certificate = _files.Server, RequireClientCertificate = true };
        tls.ClientCertificateAuthorities.Add(_files.Ca);
        await using var destination = new TlsDestination(tls);
        await destination.StartAsync();
        (string, string?)[] client = format == "pem"
            ? [("RECEIVER_MLLP_TLS_CLIENT_CERT_PATH", _files.ClientCertPath), ("RECEIVER_MLLP_TLS_CLIENT_KEY_PATH", _files.ClientKeyPath)]
            : [("RECEIVER_MLLP_TLS_CLIENT_CERT_PATH", _files.ClientPfxPath), ("RECEIVER_MLLP_TLS_CLIENT_CERT_PASSWORD", "pfx-secret")];

        var (delivered, left) = await RunSenderAsync(destination, "mtls-" + format, TimeSpan.FromSeconds(30), [("RECEIVER_MLLP_TLS_CA_FILE", _files.CaPath), .. client]);

        Assert.True(delivered);
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task Without_its_client_certificate_the_sender_takes_nothing_from_the_queue_of_a_mutual_TLS_destination()
    {
        var tls = new MllpServerTlsOptions { Certificate = _files.Server, RequireClientCertificate = true };
        tls.ClientCertificateAuthorities.Add(_files.Ca);
        await using var destination = new TlsDestination(tls);
        await destination.StartAsync();
        await EnqueueAsync("mtls-none", "mtls-none-1");

        // Under TLS 1.3 the destination refuses the missing certificate after the client's side of the handshake, by an
        // alert and a close: the client sees that close before it sends, so the sender treats the destination as
        // unreachable and leaves the message on the queue, its delivery count untouched (docs/mllp-tls.md).
        var host = await ServiceHost.StartAsync(Variables("mtls-none", destination.Port, ("RECEIVER_MLLP_TLS_CA_FILE", _files.CaPath)), b => b.AddHl7Sender());
        await Task.Delay(TimeSpan.FromSeconds(4));
        await ServiceHost.StopAsync(host);

        Assert.Empty(destination.Received);
        var deadLettered = await broker.DrainAsync(ReceiverOptions.DeadLetterPath(BrokerFixture.SenderIngress), wait: TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(deadLettered, m => m.MessageId == "mtls-none-1");
        var left = Assert.Single(await broker.DrainAsync(BrokerFixture.SenderIngress, "mtls-none", TimeSpan.FromSeconds(3)));
        Assert.Equal(1, left.DeliveryCount);
    }

    [Theory]
    [InlineData("wrong-ca")]
    [InlineData("wrong-pin")]
    public async Task A_destination_that_fails_the_CA_or_pin_check_gets_nothing_and_the_message_stays_on_the_queue(string check)
    {
        await using var destination = new TlsDestination(new MllpServerTlsOptions { Certificate = _files.Server });
        await destination.StartAsync();
        var wrong = check == "wrong-ca"
            ? ("RECEIVER_MLLP_TLS_CA_FILE", _files.OtherCaPath)
            : ("RECEIVER_MLLP_TLS_SERVER_THUMBPRINTS", _files.Client.GetCertHashString(HashAlgorithmName.SHA256));

        var (delivered, left) = await RunSenderAsync(destination, check, TimeSpan.FromSeconds(4), wrong);

        Assert.False(delivered);
        Assert.Empty(destination.Received);
        Assert.Equal(1, left);
    }

    [Fact]
    public async Task A_pinned_server_thumbprint_is_accepted_whatever_the_chain()
    {
        await using var destination = new TlsDestination(new MllpServerTlsOptions { Certificate = _files.Server });
        await destination.StartAsync();
        var pin = _files.Server.GetCertHashString(HashAlgorithmName.SHA256);

        var (delivered, left) = await RunSenderAsync(destination, "pinned", TimeSpan.FromSeconds(30), ("RECEIVER_MLLP_TLS_SERVER_THUMBPRINTS", pin));

        Assert.True(delivered);
        Assert.Equal(0, left);
    }

    [Theory]
    [InlineData("RECEIVER_MLLP_TLS_ENABLED", "maybe", "RECEIVER_MLLP_TLS_ENABLED must be true or false (got 'maybe')")]
    [InlineData("RECEIVER_MLLP_TLS_CA_FILE", "/nonexistent/ca.pem", "RECEIVER_MLLP_TLS_CA_FILE names a file that does not exist: '/nonexistent/ca.pem'")]
    [InlineData("RECEIVER_MLLP_TLS_SERVER_THUMBPRINTS", "abc", "RECEIVER_MLLP_TLS_SERVER_THUMBPRINTS must list SHA-1 (40) or SHA-256 (64) hex thumbprints (got 'abc')")]
    [InlineData("RECEIVER_MLLP_TLS_CLIENT_KEY_PATH", "/tmp/key.pem", "RECEIVER_MLLP_TLS_CLIENT_KEY_PATH and RECEIVER_MLLP_TLS_CLIENT_CERT_PASSWORD need RECEIVER_MLLP_TLS_CLIENT_CERT_PATH")]
    public async Task A_bad_TLS_variable_stops_the_sender_at_start_naming_it(string name, string value, string expected)
    {
        var variables = Variables("bad", 2576, (name, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(variables, b => b.AddHl7Sender()));

        Assert.Contains(expected, error.Failures);
    }

    [Fact]
    public async Task A_client_certificate_that_cannot_be_loaded_or_TLS_settings_without_TLS_enabled_stop_the_sender()
    {
        var wrongPassword = Variables("bad", 2576, ("RECEIVER_MLLP_TLS_CLIENT_CERT_PATH", _files.ClientPfxPath), ("RECEIVER_MLLP_TLS_CLIENT_CERT_PASSWORD", "not-it"));
        var notEnabled = Variables("bad", 2576, ("RECEIVER_MLLP_TLS_ENABLED", null), ("RECEIVER_MLLP_TLS_CA_FILE", _files.CaPath));

        var loadError = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(wrongPassword, b => b.AddHl7Sender()));
        var enabledError = await Assert.ThrowsAsync<OptionsValidationException>(() => ServiceHost.StartAsync(notEnabled, b => b.AddHl7Sender()));

        Assert.Contains(loadError.Failures, f => f.StartsWith("RECEIVER_MLLP_TLS_CLIENT_CERT_PATH could not be loaded", StringComparison.Ordinal));
        Assert.Contains("RECEIVER_MLLP_TLS_CA_FILE is set but RECEIVER_MLLP_TLS_ENABLED is not 'true'", enabledError.Failures);
    }
}
