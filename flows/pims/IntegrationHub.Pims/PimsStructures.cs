using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using static IntegrationHub.Hl7.Definitions.StructureNode;

namespace IntegrationHub.Pims;

/// <summary>
/// The pims flow XSDs' structures in code (spec §3.5), for servers run without a schema directory: v2.3.1
/// ADT_A01 (A04/A08), ADT_A39 and the local ADT_A40 (same shape as ADT_A39, so that PIMS merges whose MSH-9.3
/// says ADT_A40 validate). The pims schemas have no SFT or top-level ROL, unlike the v2.5 flows.
/// </summary>
public static class PimsStructures
{
    /// <summary>ADT_A01 as the pims XSD has it: PV1 required, procedures and insurance as groups.</summary>
    public static MessageStructureDefinition AdtA01 { get; } = new("ADT_A01",
    [
        Segment("MSH"),
        Segment("EVN"),
        Segment("PID"),
        Segment("PD1", 0, 1),
        Segment("NK1", 0, null),
        Segment("PV1"),
        Segment("PV2", 0, 1),
        Segment("DB1", 0, null),
        Segment("OBX", 0, null),
        Segment("AL1", 0, null),
        Segment("DG1", 0, null),
        Segment("DRG", 0, 1),
        Group("PR1ROL", 0, null, Segment("PR1"), Segment("ROL", 0, null)),
        Segment("GT1", 0, null),
        Group("IN1IN2IN3", 0, null, Segment("IN1"), Segment("IN2", 0, 1), Segment("IN3", 0, null)),
        Segment("ACC", 0, 1),
        Segment("UB1", 0, 1),
        Segment("UB2", 0, 1),
    ]);

    /// <summary>ADT_A39: one or more merge groups, each with a required MRG.</summary>
    public static MessageStructureDefinition AdtA39 { get; } = Merge("ADT_A39");

    /// <summary>The local ADT_A40: ADT_A39's shape under the A40 name.</summary>
    public static MessageStructureDefinition AdtA40 { get; } = Merge("ADT_A40");

    /// <summary>The flow's code-first structural validation (with the synthesised EVN/PV1 of §3.3).</summary>
    public static IStructureValidation Validation { get; } =
        new CodeFirstStructureValidation(PimsFlow.ValidationFlow, PimsFlow.Hl7Version, AdtA01, AdtA39, AdtA40);

    private static MessageStructureDefinition Merge(string id) => new(id,
    [
        Segment("MSH"),
        Segment("EVN"),
        Group("PIDPD1MRGPV1", 1, null, Segment("PID"), Segment("PD1", 0, 1), Segment("MRG"), Segment("PV1", 0, 1)),
    ]);
}
