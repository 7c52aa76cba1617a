using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;
using IntegrationHub.Runtime.Server;
using IntegrationHub.Runtime.Server.Validation;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// A flow server's validation of one message, in the server's order (spec §2.4): routing by MSH-9, the tolerant
/// parse (CR-only segments: the file's LF/CRLF are converted first, as a sender would), the version and sending-app
/// checks, the flow's own rules, then structure — the flow's XSDs when a schema directory is given, otherwise its
/// code-first rules. Each check that passes is printed; the first that fails ends the run with its reason, which
/// names fields and codes but never a patient value.
/// </summary>
public static class FlowValidation
{
    public static async Task<int> RunAsync(FlowProfile profile, string? schemaDirectory, string file, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var payload = MessageFile.ReadText(file);
        var messageType = MessageRouting.MessageTypeText(payload, out var isHl7);
        if (!isHl7)
        {
            throw new InputException($"'{file}' is not an HL7 v2 message: it does not start with an MSH segment.");
        }

        if (!MessageRouting.IsSupported(messageType))
        {
            return await InvalidAsync(error, $"Unsupported message type {messageType}").ConfigureAwait(false);
        }

        await PassedAsync(output, $"routing (MSH-9 {messageType})").ConfigureAwait(false);
        var message = TolerantParser.TryParse(payload, out var parseError);
        if (message is null)
        {
            // A message that cannot be parsed at all is unusable input; one that parses but names an unknown version
            // or segment is a message the server refuses.
            if (!Parses(payload))
            {
                throw new InputException($"'{file}' is not an HL7 v2 message: {parseError}");
            }

            return await InvalidAsync(error, $"HL7 parsing error: {parseError}").ConfigureAwait(false);
        }

        await PassedAsync(output, $"parse ({message.Segments.Count} segments)").ConfigureAwait(false);
        NamedRule[] rules =
        [
            new($"version {profile.Hl7Version} (MSH-12)", new VersionRule(profile.Hl7Version)),
            new($"sending application {string.Join('|', profile.SendingApps)} (MSH-3)", new SendingAppRule(profile.SendingApps)),
            .. profile.FlowRules,
        ];
        foreach (var rule in rules)
        {
            if (rule.Rule.Check(message) is { } ruleError)
            {
                return await InvalidAsync(error, $"HL7 validation error: {ruleError}").ConfigureAwait(false);
            }

            await PassedAsync(output, rule.Name).ConfigureAwait(false);
        }

        return await ValidateStructureAsync(profile, schemaDirectory, message, output, error).ConfigureAwait(false);
    }

    private static async Task<int> ValidateStructureAsync(FlowProfile profile, string? schemaDirectory, Hl7Message message, TextWriter output, TextWriter error)
    {
        var flow = profile.ValidationFlow;
        var (validation, how) = schemaDirectory is null
            ? (profile.CodeFirst, "the flow's code-first rules")
            : ((IStructureValidation)new XsdStructureValidation(flow, new FlowXmlValidator(new FlowSchemaCatalog(schemaDirectory))), $"the flow's XSDs in {schemaDirectory}");
        var result = validation.Validate(message);
        switch (result.Outcome)
        {
            case StructureValidationOutcome.NotConfigured:
                throw new InputException($"Flow '{flow}' cannot validate this message: {result.Error}");
            case StructureValidationOutcome.Invalid:
                return await InvalidAsync(error, $"structure ({how}): {result.Error}").ConfigureAwait(false);
            default:
                var structure = MessageStructure.TryDetect(message, out var id) ? id : "?";
                await PassedAsync(output, $"structure {structure} against {how}").ConfigureAwait(false);
                await output.WriteLineAsync($"valid: flow '{flow}', structure {structure}").ConfigureAwait(false);
                return HubCli.Ok;
        }
    }

    private static bool Parses(string payload)
    {
        try
        {
            Hl7Message.Parse(payload, Hl7ParseOptions.CarriageReturnOnly);
            return true;
        }
        catch (Hl7ParseException)
        {
            return false;
        }
    }

    private static Task PassedAsync(TextWriter output, string check) => output.WriteLineAsync($"passed: {check}");

    private static async Task<int> InvalidAsync(TextWriter error, string reason)
    {
        await error.WriteLineAsync($"invalid: {reason}").ConfigureAwait(false);
        return HubCli.Invalid;
    }
}
