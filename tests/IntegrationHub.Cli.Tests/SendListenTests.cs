using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Tests;

public class SendListenTests
{
    private static string Message(string controlId) =>
        $"MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28^ADT_A05|{controlId}|T|2.5\rPID|1||8888888^^^252^PI||SMITH^JOHN\r";

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n');

    private static string TempDirectory() => Directory.CreateTempSubdirectory("hub-cli-").FullName;

    [Fact]
    public async Task Send_to_hub_listen_prints_each_ACK_over_one_connection_and_the_listener_prints_each_message()
    {
        await using var listener = await InProcessListener.StartAsync();
        var first = CliRunner.TempMessage(Message("CTRL-A"), "\n");
        var second = CliRunner.TempMessage(Message("CTRL-B"), "\r\n");

        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", Text(listener.Port), first, second);

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Output);
        Assert.Contains(lines, l => l.StartsWith($"{first} (MSH-10 CTRL-A): AA in ", StringComparison.Ordinal));
        Assert.Contains("MSA|AA|CTRL-A", lines);
        Assert.Contains("MSA|AA|CTRL-B", lines);
        Assert.Contains(lines, l => l.StartsWith("summary: 2 of 2 sent", StringComparison.Ordinal) && l.Contains("2 accepted", StringComparison.Ordinal));

        // The listener prints a message before it answers, so everything is written by now.
        Assert.Equal(0, await listener.StopAsync());
        var received = Lines(listener.Output.ToString());
        var headers = received.Where(l => l.StartsWith("--- #", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, headers.Count);
        Assert.Contains("MSH-10 CTRL-A", headers[0], StringComparison.Ordinal);
        Assert.Contains("MSH-10 CTRL-B", headers[1], StringComparison.Ordinal);

        // The listener keeps connections open, so both messages came from the same client port.
        Assert.Equal(Peer(headers[0]), Peer(headers[1]));
        Assert.Contains("PID|1||8888888^^^252^PI||SMITH^JOHN", received);
        Assert.Contains("stopped: 2 message(s) received", listener.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_a_directory_shows_progress_and_listen_writes_each_message_to_its_out_directory()
    {
        var input = TempDirectory();
        var saved = TempDirectory();
        for (var i = 1; i <= 5; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(input, $"m{i}.hl7"), Message($"DIR-{i}").Replace('\r', '\n'));
        }

        // One file holding two messages, CRLF-separated: each is sent on its own.
        await File.WriteAllTextAsync(Path.Combine(input, "m6-batch.hl7"), (Message("DIR-6") + "\r" + Message("DIR-7")).Replace("\r", "\r\n", StringComparison.Ordinal));
        await using var listener = await InProcessListener.StartAsync("--out", saved);

        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", Text(listener.Port), "--progress", "3", input);

        Assert.Equal(0, result.ExitCode);
        var progress = Lines(result.Error).Where(l => l.StartsWith("progress: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, progress.Count);
        Assert.StartsWith("progress: 3/7 sent, 3 accepted, 0 not", progress[0], StringComparison.Ordinal);
        Assert.StartsWith("progress: 6/7 sent, 6 accepted, 0 not", progress[1], StringComparison.Ordinal);
        Assert.Contains(Lines(result.Output), l => l.StartsWith("summary: 7 of 7 sent", StringComparison.Ordinal));
        Assert.Contains(Lines(result.Output), l => l.StartsWith($"{Path.Combine(input, "m6-batch.hl7")} #2 (MSH-10 DIR-7): AA", StringComparison.Ordinal));

        Assert.Equal(0, await listener.StopAsync());
        var files = Directory.GetFiles(saved).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"00000{i}-DIR-{i}.hl7"), files);

        // Saved as received: CR-separated, whatever the file used.
        Assert.Equal(Message("DIR-7"), await File.ReadAllTextAsync(Path.Combine(saved, "000007-DIR-7.hl7")));
    }

    [Fact]
    public async Task Send_to_an_endpoint_answering_AE_exits_1_and_reconnects_after_each_close()
    {
        var connections = new ConcurrentBag<long>();
        var options = new MllpListenerOptions { Host = "127.0.0.1", Port = 0 };
        await using var server = new MllpListener(options, (request, _) =>
        {
            // Like the hub's servers: one message per connection, then the connection is closed.
            connections.Add(request.Connection.Id);
            var message = Hl7Message.Parse(Encoding.UTF8.GetString(request.Payload.Span));
            var nack = Hl7AckBuilder.BuildFramed(message, Hl7AckCode.AE, error: new Hl7AckError(207, "Refused"));
            return ValueTask.FromResult<MllpResponse?>(MllpResponse.Framed(nack));
        });
        await server.StartAsync();
        var files = new[] { CliRunner.TempMessage(Message("AE-1")), CliRunner.TempMessage(Message("AE-2")), CliRunner.TempMessage(Message("AE-3")) };

        var result = await CliRunner.RunAsync(["send", "--host", "127.0.0.1", "--port", Text(server.LocalEndPoint.Port), .. files]);

        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Output);
        Assert.Contains(lines, l => l.StartsWith($"{files[0]} (MSH-10 AE-1): not accepted: Negative ACK received: AE", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("MSA|AE|AE-3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("summary: 3 of 3 sent", StringComparison.Ordinal) && l.Contains("0 accepted (AA/CA), 3 not accepted", StringComparison.Ordinal));
        Assert.Equal(3, connections.Distinct().Count());
    }

    [Fact]
    public async Task Send_to_hub_listen_answering_AR_exits_1()
    {
        await using var listener = await InProcessListener.StartAsync("--ack", "AR");

        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", Text(listener.Port), CliRunner.TempMessage(Message("AR-1")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MSA|AR|AR-1", Lines(result.Output));
    }

    [Fact]
    public async Task A_refused_connection_is_reported_and_exits_1()
    {
        int port;
        var options = new MllpListenerOptions { Host = "127.0.0.1", Port = 0 };
        await using (var closed = new MllpListener(options, (_, _) => ValueTask.FromResult<MllpResponse?>(null)))
        {
            await closed.StartAsync();
            port = closed.LocalEndPoint.Port;
        }

        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", Text(port), "--timeout", "5", CliRunner.TempMessage(Message("GONE")));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(MSH-10 GONE): failed (ConnectFailed)", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 without an ACK", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_input_exits_2_before_anything_is_sent()
    {
        await using var listener = await InProcessListener.StartAsync();

        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", Text(listener.Port), CliRunner.TempMessage(Message("OK")), "/nonexistent/file.hl7");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot read", result.Error, StringComparison.Ordinal);
        await listener.StopAsync();
        Assert.Contains("stopped: 0 message(s) received", listener.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_HL7_exits_2()
    {
        var result = await CliRunner.RunAsync("send", "--host", "127.0.0.1", "--port", "2575", CliRunner.TempMessage("hello\nworld"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not start with an MSH segment", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "x", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "70000", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "2575")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "2575", "--ca", "ca.pem", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "2575", "--tls", "--key", "key.pem", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "2575", "--tls", "--ca", "/nonexistent/ca.pem", "file.hl7")]
    [InlineData("send", "--host", "127.0.0.1", "--port", "2575", "--timeout", "0", "file.hl7")]
    [InlineData("listen")]
    [InlineData("listen", "--port", "0", "--ack", "CA")]
    [InlineData("listen", "--port", "0", "file.hl7")]
    [InlineData("listen", "--port", "0", "--tls")]
    public async Task Usage_and_configuration_errors_exit_2(params string[] args) =>
        Assert.Equal(2, (await CliRunner.RunAsync(args)).ExitCode);

    [Fact]
    public async Task Listen_on_a_port_in_use_exits_2()
    {
        await using var listener = await InProcessListener.StartAsync();

        var result = await CliRunner.RunAsync("listen", "--port", Text(listener.Port));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot listen on", result.Error, StringComparison.Ordinal);
    }

    private static string Peer(string header) =>
        header.Split(' ').SkipWhile(w => w != "from").Skip(1).First();
}
