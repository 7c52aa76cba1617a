using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using static IntegrationHub.Hl7.Definitions.StructureNode;

namespace IntegrationHub.Chemo;

/// <summary>
/// The chemo flow's structures in code (spec §3.5), used when no XSD directory is configured so that the same
/// messages pass and fail as with the flow's XSDs: v2.4 ADT_A05 (no SFT, which v2.4 does not have) and ADT_A39 whose
/// PATIENT group allows NK1 before MRG — a local addition of the chemo XSD that the standard lacks.
/// </summary>
public static class ChemoStructures
{
    /// <summary>ADT_A05 (A28/A31): PV1 required; NK1 only before PV1.</summary>
    public static MessageStructureDefinition AdtA05 { get; } = new("ADT_A05",
    [
        Segment("MSH"),
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

    /// <summary>ADT_A39 (A40): one or more PATIENT groups of PID, PD1?, NK1* (local), MRG, PV1?.</summary>
    public static MessageStructureDefinition AdtA39 { get; } = new("ADT_A39",
    [
        Segment("MSH"),
        Segment("EVN"),
        Group("PATIENT", 1, null, Segment("PID"), Segment("PD1", 0), Segment("NK1", 0, null), Segment("MRG"), Segment("PV1", 0)),
    ]);

    /// <summary>The flow's structural validation without XSDs (synthesised EVN/PV1 included, as the XSD path has).</summary>
    public static IStructureValidation Validation { get; } = new CodeFirstStructureValidation(ChemoFlow.ValidationFlow, ChemoFlow.Hl7Version, AdtA05, AdtA39);
}
