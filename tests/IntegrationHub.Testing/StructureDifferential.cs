using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Testing;

/// <summary>
/// Compares a flow's code-first structural validation with its XSD validation (the reference, spec §3.3–3.5) on
/// the same message: both must accept, both refuse, or both say the flow has no such structure.
/// </summary>
public static class StructureDifferential
{
    /// <summary>The server's routing table (spec §2.3): only messages that route are validated at all.</summary>
    private static readonly HashSet<string> Routed = new(StringComparer.Ordinal)
    {
        "ADT^A31^ADT_A05", "ADT^A28^ADT_A05", "ADT^A40^ADT_A39", "ADT^A31", "ADT^A28", "ADT^A40",
        "ADT^A04^ADT_A01", "ADT^A08^ADT_A01", "ADT^A40^ADT_A40",
    };

    private static readonly Lazy<FlowXmlValidator> Validator =
        new(() => new FlowXmlValidator(new FlowSchemaCatalog(SharedData.Path("hl7-schemas"))));

    public static bool Routes(Hl7Message message) => Routed.Contains(message.Header.GetField(9).Trim());

    /// <summary>The XSD outcome: Valid, Invalid or NotConfigured.</summary>
    public static StructureValidationOutcome Reference(string flow, Hl7Message message)
    {
        try
        {
            return Validator.Value.Validate(flow, message).IsValid ? StructureValidationOutcome.Valid : StructureValidationOutcome.Invalid;
        }
        catch (FlowSchemaConfigurationException)
        {
            return StructureValidationOutcome.NotConfigured;
        }
        catch (Hl7StructureException)
        {
            return StructureValidationOutcome.Invalid;
        }
    }

    /// <summary>The shared messages of a flow that parse and route: validation and server inputs plus the sample.</summary>
    public static IEnumerable<string> SharedMessages(string flow, string sample)
    {
        var files = Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "validation"), flow + "_*.in.hl7")
            .Concat(Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "server"), flow + "_*.in.hl7"))
            .Append(SharedData.Path("acceptance-inputs", "samples", sample))
            .Append(SharedData.Path("samples", sample));
        foreach (var file in files.Where(File.Exists).Order(StringComparer.Ordinal))
        {
            if (Hl7Message.TryParse(SharedData.ToCr(File.ReadAllText(file)), out var message, out _) && Routes(message!))
            {
                yield return Path.GetRelativePath(SharedData.Root, file);
            }
        }
    }

    /// <summary>
    /// Structural variants of a message: each segment removed, duplicated, swapped with the next, and foreign
    /// segments inserted at each position. The header is never touched, so every variant still routes.
    /// </summary>
    public static IEnumerable<(string Label, Hl7Message Message)> Variants(Hl7Message message)
    {
        var segments = message.Segments.Select(s => s.ToString()).ToList();
        string[] extras = ["ZXX|1", "NTE|1", "NK1|1", "OBX|1|ST|X||Y", "PV1||U", "PD1", "MRG|1", "PID|||1", "EVN||20250101", "AL1|1||X", "IN1|1", "IN2|1", "IN3|1", "PR1|1", "ROL|1|AD", "PV2", "GT1|1", "DG1|1", "DB1|1", "DRG", "SFT|A|B|C|D", "ACC", "UB2"];
        for (var i = 1; i < segments.Count; i++)
        {
            yield return ($"without {segments[i][..3]} at {i}", Build(segments.Where((_, j) => j != i)));
            yield return ($"{segments[i][..3]} twice at {i}", Build(segments.Take(i + 1).Append(segments[i]).Concat(segments.Skip(i + 1))));
            if (i + 1 < segments.Count)
            {
                var swapped = segments.ToList();
                (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
                yield return ($"{segments[i][..3]} swapped with next at {i}", Build(swapped));
            }
        }

        for (var i = 1; i <= segments.Count; i++)
        {
            foreach (var extra in extras)
            {
                yield return ($"{extra[..3]} inserted at {i}", Build(segments.Take(i).Append(extra).Concat(segments.Skip(i))));
            }
        }
    }

    private static Hl7Message Build(IEnumerable<string> segments) => Hl7Message.Parse(string.Join('\r', segments));
}
