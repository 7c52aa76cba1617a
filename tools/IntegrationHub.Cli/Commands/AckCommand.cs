using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub ack FILE [--code AA|AE|AR|CA|CE|CR]</c>: the ACK (segments separated by CR, no MLLP framing).</summary>
public static class AckCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        arguments.Expect(1, "a FILE", "code");
        var codeText = arguments.Option("code") ?? "AA";
        if (!Enum.TryParse<Hl7AckCode>(codeText, ignoreCase: false, out var code) || !Enum.IsDefined(code))
        {
            throw new UsageException($"--code must be one of AA, AE, AR, CA, CE, CR (got '{codeText}').");
        }

        var message = MessageFile.Read(arguments.Positional[0]);
        var error = code is Hl7AckCode.AA or Hl7AckCode.CA ? null : new Hl7AckError(207, "Message not accepted");
        await output.WriteAsync(Hl7AckBuilder.Build(message, code, error: error)).ConfigureAwait(false);
        return HubCli.Ok;
    }
}
