using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using static IntegrationHub.Hl7.Definitions.StructureNode;

namespace IntegrationHub.Paris;

/// <summary>
/// The paris flow XSDs' structures in code (spec §3.5), for servers run without a schema directory: v2.5.1
/// ADT_A05 (A28/A31, PV1 required) and ADT_A39 (A40 merges, MRG required in each patient group).
/// </summary>
public static class ParisStructures
{
    /// <summary>ADT_A05 as the paris XSD has it.</summary>
    public static MessageStructureDefinition AdtA05 { get; } = new("ADT_A05",
    [
        Segment("MSH"),
        Segment("SFT", 0, null),
        Segment("EVN"),
        Segment("PID"),
        Segment("PD1", 0, 1),
        Segment("ROL", 0, null),
        Segment("NK1", 0, null),
        Segment("PV1"),
        Segment("PV2", 0, 1),
        Segment("ROL", 0, null),
        Segment("DB1", 0, null),
        Segment("OBX", 0, null),
        Segment("AL1", 0, null),
        Segment("DG1", 0, null),
        Segment("DRG", 0, 1),
        Group("PROCEDURE", 0, null, Segment("PR1"), Segment("ROL", 0, null)),
        Segment("GT1", 0, null),
        Group("INSURANCE", 0, null, Segment("IN1"), Segment("IN2", 0, 1), Segment("IN3", 0, null), Segment("ROL", 0, null)),
        Segment("ACC", 0, 1),
        Segment("UB1", 0, 1),
        Segment("UB2", 0, 1),
    ]);

    /// <summary>ADT_A39: one or more patient groups, each with a required MRG.</summary>
    public static MessageStructureDefinition AdtA39 { get; } = new("ADT_A39",
    [
        Segment("MSH"),
        Segment("SFT", 0, null),
        Segment("EVN"),
        Group("PATIENT", 1, null, Segment("PID"), Segment("PD1", 0, 1), Segment("MRG"), Segment("PV1", 0, 1)),
    ]);

    /// <summary>The flow's code-first structural validation (with the synthesised EVN/PV1 of §3.3).</summary>
    public static IStructureValidation Validation { get; } =
        new CodeFirstStructureValidation(ParisFlow.ValidationFlow, ParisFlow.Hl7Version, AdtA05, AdtA39);
}
