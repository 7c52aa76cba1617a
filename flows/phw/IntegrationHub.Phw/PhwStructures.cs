using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using static IntegrationHub.Hl7.Definitions.StructureNode;

namespace IntegrationHub.Phw;

/// <summary>
/// What the PHW flow XSDs require (spec §3.5), stated in code so the server validates the same way when no schema
/// directory is configured. Only segment order, groups and cardinality matter: the XSDs have no facets and the XML
/// conversion always emits required fields (§3.4).
/// </summary>
public static class PhwStructures
{
    /// <summary>
    /// ADT_A05 (A28/A31) as the phw XSD has it: PV1 is required, and ROL may stand both before NK1 and after PV2.
    /// </summary>
    public static MessageStructureDefinition AdtA05 { get; } = new(
        "ADT_A05",
        [
            Segment("MSH"),
            Segment("SFT", 0, null),
            Segment("EVN"),
            Segment("PID"),
            Segment("PD1", 0),
            Segment("ROL", 0, null),
            Segment("NK1", 0, null),
            Segment("PV1"),
            Segment("PV2", 0),
            Segment("ROL", 0, null),
            Segment("DB1", 0, null),
            Segment("OBX", 0, null),
            Segment("AL1", 0, null),
            Segment("DG1", 0, null),
            Segment("DRG", 0),
            Group("PROCEDURE", 0, null, Segment("PR1"), Segment("ROL", 0, null)),
            Segment("GT1", 0, null),
            Group("INSURANCE", 0, null, Segment("IN1"), Segment("IN2", 0), Segment("IN3", 0, null), Segment("ROL", 0, null)),
            Segment("ACC", 0),
            Segment("UB1", 0),
            Segment("UB2", 0),
        ]);

    /// <summary>ADT_A39 (A40 merges): one or more PATIENT groups, each needing its MRG; no NK1 (that is chemo's addition).</summary>
    public static MessageStructureDefinition AdtA39 { get; } = new(
        "ADT_A39",
        [
            Segment("MSH"),
            Segment("SFT", 0, null),
            Segment("EVN"),
            Group("PATIENT", 1, null, Segment("PID"), Segment("PD1", 0), Segment("MRG"), Segment("PV1", 0)),
        ]);

    /// <summary>The flow's structural validation without XSDs; structures other than these two are configuration errors.</summary>
    public static IStructureValidation Validation { get; } =
        new CodeFirstStructureValidation(PhwFlow.ValidationFlow, PhwFlow.Hl7Version, AdtA05, AdtA39);
}
