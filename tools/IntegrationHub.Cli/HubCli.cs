using IntegrationHub.Cli.Commands;

namespace IntegrationHub.Cli;

/// <summary>
/// The <c>hub</c> command. Exit codes: 0 success, 1 the input was processed and found wanting (e.g. invalid),
/// 2 usage, configuration or unreadable input.
/// </summary>
public static class HubCli
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int UsageError = 2;

    private const string Usage = """
        hub — HL7 v2 integration hub tools

        Usage:
          hub parse FILE                                   the message as an indented tree
          hub get FILE PATH                                the raw value at PATH (e.g. PID-3(2).4.1)
          hub ack FILE [--code AA|AE|AR|CA|CE|CR]          the ACK for the message (segments separated by CR)
          hub validate --flow NAME [--schemas DIR] FILE    phw, chemo, pims, paris: the flow server's full validation
                                                           (routing, parse, version, sending app, flow rules, then
                                                           the flow's XSDs with DIR, else its code-first rules);
                                                           other flows (mosaiq, wds…): the flow's XSDs only.
                                                           DIR defaults to $HL7_VALIDATION_SCHEMA_DIR
          hub transform --flow phw|chemo|pims FILE         the message as the flow's transformer outputs it (CR)
          hub send --host H --port P [--tls] [--ca CA.pem] [--cert CERT.pem [--key KEY.pem]]
                   [--timeout SECONDS] [--progress N] FILE|DIR...
                                                           send each message over MLLP (one connection, reopened
                                                           when the peer closes it) and print each ACK; a file may
                                                           hold several messages; a DIR sends its files by name;
                                                           a progress line on stderr every N messages (default
                                                           100, 0 for none); --timeout for connect and ACK
                                                           (default 30); exit 1 if any was not AA/CA
          hub listen --port P [--host H] [--ack AA|AE|AR] [--out DIR]
                     [--tls --cert CERT [--key KEY.pem] [--client-ca CA.pem] [--client-thumbprint T,...]]
                                                           an MLLP endpoint (connections kept open) that prints and
                                                           acknowledges what arrives, optionally saving each message
                                                           in DIR; --port 0 picks a free port; Ctrl+C stops it;
                                                           --tls with its certificate (PFX, or PEM and key);
                                                           --client-ca / --client-thumbprint require client
                                                           certificates (mutual TLS) chaining to CA / pinned

        FILE may separate segments with CR, LF or CRLF.
        Exit codes: 0 ok, 1 invalid / not accepted / transform failed, 2 usage, configuration or unreadable input.
        """;

    /// <summary>Options that take no value, so <c>--tls FILE</c> leaves FILE positional.</summary>
    private static readonly string[] Flags = ["tls"];

    /// <summary>
    /// Runs one command. <paramref name="cancellationToken"/> stops the long-running commands (<c>send</c>,
    /// <c>listen</c>) as Ctrl+C does; tests use it to end an in-process listener.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? UsageError : Ok;
        }

        try
        {
            var arguments = CommandArguments.Parse(args.AsSpan(1), Flags);
            return args[0] switch
            {
                "parse" => await ParseCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "get" => await GetCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "ack" => await AckCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "validate" => await ValidateCommand.RunAsync(arguments, output, error).ConfigureAwait(false),
                "transform" => await TransformCommand.RunAsync(arguments, output, error).ConfigureAwait(false),
                "send" => await SendCommand.RunAsync(arguments, output, error, cancellationToken).ConfigureAwait(false),
                "listen" => await ListenCommand.RunAsync(arguments, output, error, cancellationToken).ConfigureAwait(false),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }
        catch (InputException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return UsageError;
        }
    }
}

/// <summary>The command line was not understood.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("Invalid usage.")
    {
    }

    public UsageException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}

/// <summary>An input file or setting could not be used (missing, unreadable, not HL7, bad configuration).</summary>
public sealed class InputException(string message) : Exception(message)
{
    public InputException()
        : this("Invalid input.")
    {
    }

    public InputException(string message, Exception innerException)
        : this(message + " " + innerException?.Message)
    {
    }
}
