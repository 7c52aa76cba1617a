using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Hl7.Rules;

/// <summary>
/// A flow's structural rules written in code (the requirements of its XSDs, spec §3.5), applied the way the XSD
/// validation applies them (§3.3–3.4): segment order, groups and cardinality decide; Z-segments and segments the
/// structure does not list fail; required fields never fail (the XML conversion always emits them); and the
/// existing system's synthesised EVN and PV1 are inserted first so the same messages pass and fail.
/// </summary>
public sealed class CodeFirstStructureValidation : IStructureValidation
{
    private static readonly Hl7StructureValidationOptions Options = new()
    {
        AllowZSegments = false,
        CheckRequiredFields = false,
        CheckRepetitions = false,
        CheckFieldLengths = false,
        MaxErrors = 5,
    };

    private readonly string _flow;
    private readonly Hl7VersionDefinition _definition;
    private readonly Dictionary<string, MessageStructureDefinition> _structures;

    /// <param name="flow">The flow's name, for configuration errors.</param>
    /// <param name="version">The HL7 version whose segment list the flow follows.</param>
    /// <param name="structures">The structures the flow accepts, by id.</param>
    public CodeFirstStructureValidation(string flow, string version, params MessageStructureDefinition[] structures)
    {
        ArgumentNullException.ThrowIfNull(structures);
        _flow = flow;
        _definition = Hl7Definitions.For(version);
        _structures = structures.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public StructureValidationResult Validate(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MessageStructure.TryDetect(message, out var id))
        {
            return StructureValidationResult.Invalid("Unable to determine structure or trigger from ER7 message");
        }

        if (!_structures.TryGetValue(id, out var structure))
        {
            return StructureValidationResult.NotConfigured(
                $"No structure '{id}' for flow '{_flow}'. Available: {string.Join(", ", _structures.Keys.Order(StringComparer.Ordinal))}");
        }

        var errors = Hl7StructureValidator.Validate(SynthesisedSegments.Apply(message, structure), _definition, structure, Options);
        return errors.Count == 0 ? StructureValidationResult.Valid(null) : StructureValidationResult.Invalid(errors[0].ToString());
    }
}
