using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// <c>hub validate --flow NAME [--schemas DIR] FILE</c>. For phw, chemo, pims and paris: the flow server's full
/// validation (<see cref="FlowValidation"/>), structure by the flow's XSDs when DIR (or $HL7_VALIDATION_SCHEMA_DIR)
/// is given, else by its code-first rules. For any other flow folder (mosaiq, wds…): the flow's XSDs only (spec
/// §3.3–3.4), which need DIR. Exit 0 valid; 1 invalid, with the reason (never a message value) on stderr; 2 usage,
/// configuration or unparseable input.
/// </summary>
public static class ValidateCommand
{
    public const string SchemaDirectoryVariable = "HL7_VALIDATION_SCHEMA_DIR";

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        arguments.Expect(1, "a FILE", "flow", "schemas");
        var flow = arguments.Option("flow") ?? throw new UsageException("--flow NAME is required.");
        var schemas = arguments.Option("schemas") ?? Environment.GetEnvironmentVariable(SchemaDirectoryVariable);
        if (string.IsNullOrWhiteSpace(schemas))
        {
            schemas = null;
        }
        else if (!Directory.Exists(schemas))
        {
            throw new InputException($"The schema directory '{schemas}' does not exist.");
        }

        if (FlowProfile.Find(flow) is { } profile)
        {
            return await FlowValidation.RunAsync(profile, schemas, arguments.Positional[0], output, error).ConfigureAwait(false);
        }

        if (schemas is null)
        {
            throw new InputException($"No schema directory: pass --schemas DIR or set {SchemaDirectoryVariable}.");
        }

        return await ValidateWithSchemasAsync(flow, schemas, arguments.Positional[0], output, error).ConfigureAwait(false);
    }

    /// <summary>XSD validation alone, for the flows whose servers the hub does not run.</summary>
    private static async Task<int> ValidateWithSchemasAsync(string flow, string schemas, string file, TextWriter output, TextWriter error)
    {
        var message = MessageFile.Read(file);
        XmlValidationResult result;
        try
        {
            result = new FlowXmlValidator(new FlowSchemaCatalog(schemas)).Validate(flow, message);
        }
        catch (FlowSchemaConfigurationException ex)
        {
            throw new InputException(ex.Message);
        }
        catch (Hl7StructureException ex)
        {
            await error.WriteLineAsync($"invalid: {ex.Message}").ConfigureAwait(false);
            return HubCli.Invalid;
        }

        if (!result.IsValid)
        {
            await error.WriteLineAsync($"invalid: {result.Error}").ConfigureAwait(false);
            return HubCli.Invalid;
        }

        await output.WriteLineAsync($"valid: flow '{flow}', structure {result.Structure}").ConfigureAwait(false);
        return HubCli.Ok;
    }
}
