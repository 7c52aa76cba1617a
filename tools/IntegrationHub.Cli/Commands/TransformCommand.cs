using IntegrationHub.Chemo;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// <c>hub transform --flow phw|chemo|pims FILE</c>: the message as the flow's transformer would put it on the
/// post-transform queue (spec §4.3: normalised, segments separated by CR, no trailing separator) on stdout. Exit 1
/// with the reason on stderr when the flow's rules refuse the message or the transformer fails; 2 for an unknown
/// flow or an unreadable file. Paris has no transformer.
/// </summary>
public static class TransformCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        arguments.Expect(1, "a FILE", "flow");
        var flow = arguments.Option("flow") ?? throw new UsageException("--flow phw|chemo|pims is required.");
        IHl7Transformer transformer = flow switch
        {
            "phw" => new PhwTransformer(),
            "chemo" => new ChemoTransformer(),
            "pims" => new PimsTransformer(),
            _ => throw new UsageException($"--flow must be phw, chemo or pims (got '{flow}'); paris has no transformer."),
        };

        var input = MessageFile.Read(arguments.Positional[0]);
        string transformed;
        try
        {
            transformed = transformer.Transform(input, DateTime.Now).Output.EncodeNormalized();
        }
        catch (Hl7TransformException ex)
        {
            await error.WriteLineAsync($"Failed to transform {transformer.Name} message: {ex.Message}").ConfigureAwait(false);
            return HubCli.Invalid;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // As the transformer host reports it: the exception's type and text name the problem, never the message.
            await error.WriteLineAsync($"Unexpected error during {transformer.Name} transformation: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return HubCli.Invalid;
        }

        await output.WriteAsync(transformed).ConfigureAwait(false);
        return HubCli.Ok;
    }
}
