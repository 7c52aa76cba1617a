using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub parse FILE</c>: the message as an indented tree of segments, fields, repetitions, components
/// and sub-components; empty elements are left out.</summary>
public static class ParseCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        arguments.Expect(1, "a FILE");
        var message = MessageFile.Read(arguments.Positional[0]);
        await output.WriteAsync(MessageTree.Render(message)).ConfigureAwait(false);
        return HubCli.Ok;
    }
}
