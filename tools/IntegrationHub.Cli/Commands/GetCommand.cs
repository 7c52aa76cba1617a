using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub get FILE PATH</c>: the raw value at PATH, or an empty line when absent.</summary>
public static class GetCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        arguments.Expect(2, "a FILE and a PATH");
        if (!Hl7Path.TryParse(arguments.Positional[1], out var path, out var reason))
        {
            throw new UsageException($"'{arguments.Positional[1]}' is not an HL7 path: {reason}");
        }

        var message = MessageFile.Read(arguments.Positional[0]);
        await output.WriteLineAsync(message.GetSpan(path).ToString()).ConfigureAwait(false);
        return HubCli.Ok;
    }
}
