using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Sender;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// <c>hub send --host H --port P [--tls …] [--timeout S] [--progress N] FILE|DIR…</c>: sends every message over one
/// MLLP connection (reopened whenever the peer has closed it, as the hub's servers do after each message), prints
/// each ACK or failure, a progress line on stderr every N messages and a summary. Exit 0 when every message got AA
/// or CA, 1 otherwise, 2 for usage, configuration or unreadable input (then nothing is sent).
/// </summary>
public static class SendCommand
{
    private const int DefaultTimeoutSeconds = 30;
    private const int DefaultProgressEvery = 100;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        arguments.ExpectSome("at least one FILE or DIR", "host", "port", "tls", "ca", "cert", "key", "timeout", "progress");
        var host = arguments.Option("host") ?? throw new UsageException("--host H is required.");
        if (arguments.Option("port") is null)
        {
            throw new UsageException("--port P is required.");
        }

        var port = arguments.Number("port", 0, 1, 65535);
        var timeout = TimeSpan.FromSeconds(arguments.Number("timeout", DefaultTimeoutSeconds, 1, 3600));
        var progressEvery = arguments.Number("progress", DefaultProgressEvery, 0, int.MaxValue);
        var tls = SendTls.FromArguments(arguments);
        var items = ReadInputs(arguments.Positional, tls);
        var options = new MllpClientOptions { Host = host, Port = port, ConnectTimeout = timeout, AckTimeout = timeout, Tls = tls };
        try
        {
            using var shutdown = new ShutdownSignal(cancellationToken);
            var tally = await SendAllAsync(options, items, progressEvery, output, error, shutdown.Token).ConfigureAwait(false);
            await output.WriteLineAsync(tally.Summary(items.Count)).ConfigureAwait(false);
            return tally.Accepted == items.Count ? HubCli.Ok : HubCli.Invalid;
        }
        finally
        {
            tls?.ClientCertificate?.Dispose();
        }
    }

    private static IReadOnlyList<SendItem> ReadInputs(IReadOnlyList<string> paths, MllpClientTlsOptions? tls)
    {
        try
        {
            return SendInputs.Read(paths);
        }
        catch (InputException)
        {
            tls?.ClientCertificate?.Dispose();
            throw;
        }
    }

    private static async Task<SendTally> SendAllAsync(
        MllpClientOptions options, IReadOnlyList<SendItem> items, int progressEvery, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var tally = new SendTally();
        await using var client = new MllpClient(options);
        foreach (var item in items)
        {
            MllpSendResult result;
            try
            {
                result = await SendOnceAsync(client, Encoding.UTF8.GetBytes(item.Payload), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync("interrupted: the remaining messages were not sent").ConfigureAwait(false);
                break;
            }

            await ReportAsync(item, result, tally, output).ConfigureAwait(false);
            if (progressEvery > 0 && tally.Sent % progressEvery == 0)
            {
                await error.WriteLineAsync(tally.Progress(items.Count)).ConfigureAwait(false);
            }
        }

        return tally;
    }

    private static async Task<MllpSendResult> SendOnceAsync(MllpClient client, byte[] payload, CancellationToken cancellationToken)
    {
        var reused = client.IsConnected && !client.IsPeerClosed();
        var result = await client.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        if (reused && result.Status == MllpSendStatus.ConnectionClosed && result.Response is null)
        {
            // The peer closed the kept connection while this frame was on its way (a server that closes after each
            // message, whose close had not arrived yet when we checked): try once more on a fresh connection.
            result = await client.SendAsync(payload, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static async Task ReportAsync(SendItem item, MllpSendResult result, SendTally tally, TextWriter output)
    {
        var name = item.ControlId.Length > 0 ? $"{item.Source} (MSH-10 {item.ControlId})" : item.Source;
        var elapsed = result.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        if (!result.IsAckReceived)
        {
            tally.Failed++;
            await output.WriteLineAsync($"{name}: failed ({result.Status}): {result.Error}").ConfigureAwait(false);
            return;
        }

        var verdict = AckEvaluation.Evaluate(result.Response);
        if (verdict.IsPositive)
        {
            tally.Accepted++;
        }
        else
        {
            tally.Rejected++;
        }

        var outcome = verdict.IsPositive ? verdict.Code : $"not accepted: {verdict.Description}";
        await output.WriteLineAsync($"{name}: {outcome} in {elapsed} ms").ConfigureAwait(false);
        await Hl7Lines.WriteAsync(output, verdict.AckText).ConfigureAwait(false);
    }

    /// <summary>Counts of a run; <see cref="Sent"/> is every message that was tried.</summary>
    private sealed class SendTally
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public int Accepted { get; set; }

        public int Rejected { get; set; }

        public int Failed { get; set; }

        public int Sent => Accepted + Rejected + Failed;

        public string Progress(int total) =>
            $"progress: {Sent}/{total} sent, {Accepted} accepted, {Rejected + Failed} not ({Seconds()} s)";

        public string Summary(int total)
        {
            var unsent = total - Sent;
            var summary = $"summary: {Sent} of {total} sent in {Seconds()} s: {Accepted} accepted (AA/CA), " +
                $"{Rejected} not accepted, {Failed} without an ACK";
            return unsent > 0 ? $"{summary}, {unsent} not sent" : summary;
        }

        private string Seconds() => Stopwatch.GetElapsedTime(_started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
