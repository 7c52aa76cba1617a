using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Runtime.Server.Validation;

/// <summary>
/// HL7_VALIDATION_STANDARD (spec §3.6): MSH-12 must equal the configured version, then the message is checked
/// against the standard's structure definition. Returns the error text (no patient data), or null when valid.
/// </summary>
public sealed class StandardValidation(string version)
{
    public string Version => version;

    public string? Validate(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageVersion = message.Get("MSH-12");
        if (messageVersion != version)
        {
            return $"Message version {messageVersion} does not match requested version {version}";
        }

        if (!Hl7Definitions.IsSupported(version))
        {
            // The version check is all that can be done without definitions for this version.
            return null;
        }

        if (!MessageStructure.TryDetect(message, out var structure))
        {
            return "Unable to determine structure or trigger from ER7 message";
        }

        var errors = Hl7StructureValidator.Validate(message, version, structure);
        return errors.Count == 0 ? null : string.Join("; ", errors.Take(5).Select(e => e.ToString()));
    }
}
