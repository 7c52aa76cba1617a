using IntegrationHub.Chemo;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Paris;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.Cli.Commands;

/// <summary>A check the flow's server runs after parsing, with the name <c>hub validate</c> reports it under.</summary>
public sealed record NamedRule(string Name, IMessageRule Rule);

/// <summary>
/// What a flow's server checks (spec §2.4–2.5, §3.5): the HL7 version and sending applications its local
/// configuration uses (taken from the flow's constants, so the CLI and the servers cannot drift apart), its own
/// rules, and its code-first structures for when no schema directory is given.
/// </summary>
public sealed record FlowProfile(
    string ValidationFlow,
    string Hl7Version,
    IReadOnlyList<string> SendingApps,
    IReadOnlyList<NamedRule> FlowRules,
    IStructureValidation CodeFirst)
{
    /// <summary>The flows whose server validation the CLI knows, by <c>--flow</c> name.</summary>
    public static FlowProfile? Find(string flow) => flow switch
    {
        PhwFlow.ValidationFlow => new(
            PhwFlow.ValidationFlow,
            PhwFlow.Hl7Version,
            [PhwFlow.SendingApp],
            [new NamedRule("date of birth (PID-7)", new PhwDateOfBirthRule())],
            PhwStructures.Validation),
        ChemoFlow.ValidationFlow => new(ChemoFlow.ValidationFlow, ChemoFlow.Hl7Version, ChemoFlow.SendingAppList, [], ChemoStructures.Validation),
        PimsFlow.ValidationFlow => new(PimsFlow.ValidationFlow, PimsFlow.Hl7Version, [PimsFlow.SendingApp], [], PimsStructures.Validation),
        ParisFlow.ValidationFlow => new(ParisFlow.ValidationFlow, ParisFlow.Hl7Version, [ParisFlow.SendingApp], [], ParisStructures.Validation),
        _ => null,
    };
}
