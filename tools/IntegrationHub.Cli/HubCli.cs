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
          hub validate --flow NAME [--schemas DIR] FILE    validate against the flow's schemas
                                                           (DIR defaults to $HL7_VALIDATION_SCHEMA_DIR)

        FILE may separate segments with CR, LF or CRLF.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
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
            var arguments = CommandArguments.Parse(args.AsSpan(1));
            return args[0] switch
            {
                "parse" => await ParseCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "get" => await GetCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "ack" => await AckCommand.RunAsync(arguments, output).ConfigureAwait(false),
                "validate" => await ValidateCommand.RunAsync(arguments, output, error).ConfigureAwait(false),
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
