using System.Net.Sockets;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// <c>hub listen --port P [--host H] [--ack AA|AE|AR] [--out DIR] [--tls …]</c>: an MLLP endpoint for trying a sender
/// (over TLS or mutual TLS with <see cref="ListenTls"/>'s options). Keeps
/// connections open (unlike the hub's servers) so a sender's connection reuse can be seen working; prints each
/// message and answers it with the chosen code; Ctrl+C or SIGTERM stops it cleanly (exit 0). Status lines go to
/// stderr so that stdout holds only what arrived.
/// </summary>
public static class ListenCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        arguments.Expect(0, "no FILE", ["port", "host", "ack", "out", .. ListenTls.OptionNames]);
        if (arguments.Option("port") is null)
        {
            throw new UsageException("--port P is required (0 picks a free port).");
        }

        var port = arguments.Number("port", 0, 0, 65535);
        var host = arguments.Option("host") ?? "127.0.0.1";
        var code = AckCode(arguments.Option("ack") ?? "AA");
        var outDirectory = OutDirectory(arguments.Option("out"));
        var tls = ListenTls.FromArguments(arguments);

        using var shutdown = new ShutdownSignal(cancellationToken);
        using var receiver = new ListenReceiver(output, error, code, outDirectory);
        var options = new MllpListenerOptions { Host = host, Port = port, KeepConnectionOpen = true, MaxConnections = 64, Tls = tls };
        await using var listener = new MllpListener(options, receiver.HandleAsync);
        try
        {
            await listener.StartAsync(shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            throw new InputException($"Cannot listen on {host}:{port}: {ex.Message}");
        }

        var security = tls is null ? string.Empty : tls.RequireClientCertificate ? " over mutual TLS" : " over TLS";
        await receiver.StatusAsync($"listening on {listener.LocalEndPoint}, answering {code}{security}; Ctrl+C stops").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C, SIGTERM or the caller's token: the normal way to stop.
        }

        await listener.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await receiver.StatusAsync($"stopped: {receiver.Received} message(s) received").ConfigureAwait(false);
        return HubCli.Ok;
    }

    private static Hl7AckCode AckCode(string text) => text switch
    {
        "AA" => Hl7AckCode.AA,
        "AE" => Hl7AckCode.AE,
        "AR" => Hl7AckCode.AR,
        _ => throw new UsageException($"--ack must be AA, AE or AR (got '{text}')."),
    };

    private static string? OutDirectory(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            return Directory.CreateDirectory(path).FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"Cannot use '{path}' as the output directory: {ex.Message}");
        }
    }
}
