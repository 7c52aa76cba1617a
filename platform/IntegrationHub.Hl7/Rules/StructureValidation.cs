
namespace IntegrationHub.Hl7.Rules;

/// <summary>The outcome of a flow's structural validation (spec §2.4 step 6).</summary>
public sealed record StructureValidationResult(StructureValidationOutcome Outcome, string? Xml, string? Error)
{
    public static StructureValidationResult Valid(string? xml) => new(StructureValidationOutcome.Valid, xml, null);

    public static StructureValidationResult Invalid(string error) => new(StructureValidationOutcome.Invalid, null, error);

    /// <summary>The flow cannot validate this structure at all: configuration, not a property of the message.</summary>
    public static StructureValidationResult NotConfigured(string error) => new(StructureValidationOutcome.NotConfigured, null, error);
}

public enum StructureValidationOutcome
{
    Valid,
    Invalid,
    NotConfigured,
}

/// <summary>
/// A flow's structural validation: the flow's XSDs when a schema directory is configured, otherwise the rules the
/// flow states in code. Produces the HL7 v2 XML kept with the stored message when it can.
/// </summary>
public interface IStructureValidation
{
    StructureValidationResult Validate(Hl7Message message);
}
