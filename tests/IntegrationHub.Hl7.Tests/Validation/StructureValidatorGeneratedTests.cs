using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>
/// Messages generated from the structure trees themselves (random cardinalities within min/max) must match their
/// structure without errors; messages with random segment sequences must never make the validator throw or hang.
/// </summary>
public sealed class StructureValidatorGeneratedTests
{
    private static readonly Hl7StructureValidationOptions StructureOnly = new() { CheckRequiredFields = false, CheckRepetitions = false };

    public static TheoryData<string> Versions => ["2.3.1", "2.4", "2.5", "2.5.1"];

    [Theory]
    [MemberData(nameof(Versions))]
    public void Generated_instances_of_every_structure_validate(string version)
    {
        var definition = Hl7Definitions.For(version);
        var random = new Random(20251124);
        var failures = new List<string>();
        foreach (var structure in definition.MessageStructures.Values)
        {
            for (var sample = 0; sample < 25; sample++)
            {
                var ids = new List<string>();
                Generate(structure.Root, random, ids);
                var message = Build(version, ids);
                var errors = Hl7StructureValidator.Validate(message, definition, structure.Id, StructureOnly);
                if (errors.Count > 0)
                {
                    failures.Add($"{structure.Id}: {string.Join(",", ids)} -> {errors[0]}");
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} structures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_greedy_matcher_alone_reads_every_ADT_structure_correctly(string version)
    {
        // The matcher explains rejected messages; for the ADT structures (groups such as ADT_A39.PATIENT,
        // ADT_A05.PROCEDURE and INSURANCE) its one-segment-at-a-time reading must never invent an error.
        var definition = Hl7Definitions.For(version);
        var random = new Random(7);
        var failures = new List<string>();
        foreach (var structure in definition.MessageStructures.Values.Where(s => s.Id.StartsWith("ADT_", StringComparison.Ordinal)))
        {
            for (var sample = 0; sample < 100; sample++)
            {
                var ids = new List<string>();
                Generate(structure.Root, random, ids);
                var errors = new ValidationErrorList(10);
                new StructureMatcher(Build(version, ids).Segments, structure, definition, StructureOnly, errors).Match();
                if (errors.Errors.Count > 0)
                {
                    failures.Add($"{structure.Id}: {string.Join(",", ids)} -> {errors.Errors[0]}");
                    break;
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Random_segment_sequences_never_throw_and_positions_stay_in_range()
    {
        var definition = Hl7Definitions.For("2.5");
        string[] alphabet = ["EVN", "PID", "PD1", "ROL", "NK1", "PV1", "PV2", "OBX", "AL1", "PR1", "GT1", "IN1", "IN2", "IN3", "MRG", "ZXX", "NTE", "XYZ", "SFT"];
        var random = new Random(42);
        for (var sample = 0; sample < 2000; sample++)
        {
            var ids = new List<string> { "MSH" };
            var length = random.Next(0, 25);
            for (var i = 0; i < length; i++)
            {
                ids.Add(alphabet[random.Next(alphabet.Length)]);
            }

            var message = Build("2.5", ids);
            foreach (var structure in new[] { "ADT_A05", "ADT_A39", "ORU_R01", "OMD_O03" })
            {
                var errors = Hl7StructureValidator.Validate(message, definition, structure, StructureOnly with { AllowZSegments = sample % 2 == 0 });
                Assert.All(errors, e => Assert.InRange(e.SegmentPosition, 1, ids.Count + 1));
            }
        }
    }

    [Fact]
    public void A_message_in_an_ambiguous_structure_is_accepted_when_some_reading_fits()
    {
        // OMD_O03 (v2.5): a required ORDER_DIET, then ORDER_TRAYs; both start with ORC, and only the ODT shows that
        // the second ORC opened a tray rather than a second diet order.
        var message = Build("2.5", ["MSH", "ORC", "ORC", "TQ1", "ODT"]);

        Assert.Empty(Hl7StructureValidator.Validate(message, "2.5", "OMD_O03", StructureOnly));
        Assert.NotEmpty(Hl7StructureValidator.Validate(Build("2.5", ["MSH", "ORC", "ODT", "TQ1"]), "2.5", "OMD_O03", StructureOnly));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void The_bit_set_and_list_acceptors_agree_on_valid_and_mutated_sequences(string version)
    {
        // Short messages are decided with bit sets, long ones with lists; both must give the same answer everywhere.
        var definition = Hl7Definitions.For(version);
        var random = new Random(20261205);
        var compared = 0;
        var accepted = 0;
        foreach (var structure in definition.MessageStructures.Values)
        {
            for (var sample = 0; sample < 20; sample++)
            {
                var ids = new List<string>();
                Generate(structure.Root, random, ids);
                foreach (var candidate in new[] { ids, Mutate(ids, random), Mutate(Mutate(ids, random), random) })
                {
                    if (candidate.Count >= 64)
                    {
                        continue;
                    }

                    var array = candidate.ToArray();
                    var byBits = StructureAcceptor.AcceptsByBits(structure, array);
                    Assert.True(byBits == StructureAcceptor.AcceptsByLists(structure, array), $"{structure.Id}: {string.Join(",", array)}");
                    compared++;
                    accepted += byBits ? 1 : 0;
                }
            }
        }

        // Both answers occur often, so agreement is not agreement on "always no".
        Assert.InRange(accepted, compared / 4, compared - (compared / 10));
    }

    /// <summary>One random edit: a segment removed, duplicated, or two neighbours swapped (MSH stays first).</summary>
    private static List<string> Mutate(List<string> ids, Random random)
    {
        var copy = new List<string>(ids);
        if (copy.Count < 2)
        {
            return copy;
        }

        var at = random.Next(1, copy.Count);
        switch (random.Next(3))
        {
            case 0:
                copy.RemoveAt(at);
                break;
            case 1:
                copy.Insert(at, copy[at]);
                break;
            default:
                var other = at == copy.Count - 1 ? at - 1 : at + 1;
                if (other > 0)
                {
                    (copy[at], copy[other]) = (copy[other], copy[at]);
                }

                break;
        }

        return copy;
    }

    private static Hl7Message Build(string version, List<string> ids)
    {
        var segments = new List<string> { $"MSH|^~\\&|A|B|C|D|20250101||X^Y|1|P|{version}" };
        foreach (var id in ids.Skip(1))
        {
            segments.Add(id + "|");
        }

        return Hl7Message.Parse(string.Join('\r', segments));
    }

    private static void Generate(StructureNode node, Random random, List<string> ids)
    {
        var count = node.Max == 1 ? (node.Min == 1 ? 1 : random.Next(2)) : random.Next(node.Min, 3);
        for (var i = 0; i < count; i++)
        {
            switch (node.Kind)
            {
                case StructureNodeKind.Segment:
                    ids.Add(node.Name);
                    break;
                case StructureNodeKind.Choice:
                    Generate(node.Children[random.Next(node.Children.Count)], random, ids);
                    break;
                default:
                    foreach (var child in node.Children)
                    {
                        Generate(child, random, ids);
                    }

                    break;
            }
        }
    }
}
