using System.Collections.Frozen;
using System.Text.Json;

namespace IntegrationHub.Hl7.Definitions;

/// <summary>
/// Reads the compact definition files written by <c>tools/hl7-definitions/generate.mjs</c> (format 1; the tuple
/// layout is described in that folder's README).
/// </summary>
internal static class Hl7DefinitionReader
{
    private const int SupportedFormat = 1;

    public static Hl7VersionDefinition Read(Stream stream, string version)
    {
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var format = root.GetProperty("format").GetInt32();
        if (format != SupportedFormat)
        {
            throw new InvalidDataException($"HL7 definitions for {version} have format {format}; this build reads format {SupportedFormat}.");
        }

        var declared = root.GetProperty("version").GetString();
        if (declared != version)
        {
            throw new InvalidDataException($"The HL7 definitions resource for {version} declares version '{declared}'.");
        }

        return new Hl7VersionDefinition(
            version,
            ReadSegments(root.GetProperty("segments")),
            ReadDataTypes(root.GetProperty("dataTypes")),
            ReadStructures(root.GetProperty("structures")));
    }

    // "PID":[description, [[dataType, opt, rep, len, table?], ...]]
    private static FrozenDictionary<string, SegmentDefinition> ReadSegments(JsonElement segments)
    {
        var result = new Dictionary<string, SegmentDefinition>(StringComparer.Ordinal);
        foreach (var property in segments.EnumerateObject())
        {
            var fields = new List<FieldDefinition>();
            foreach (var tuple in property.Value[1].EnumerateArray())
            {
                var repetitions = tuple[2].GetInt32();
                fields.Add(new FieldDefinition(
                    fields.Count + 1,
                    tuple[0].GetString()!,
                    Optionality(tuple[1].GetInt32()),
                    repetitions == 0 ? null : repetitions,
                    PositiveOrNull(tuple[3].GetInt32()),
                    tuple.GetArrayLength() > 4 ? tuple[4].GetInt32() : null));
            }

            result[property.Name] = new SegmentDefinition(property.Name, property.Value[0].GetString()!, fields);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // "CX":[description, [[dataType, opt, len, table?], ...]]
    private static FrozenDictionary<string, DataTypeDefinition> ReadDataTypes(JsonElement dataTypes)
    {
        var result = new Dictionary<string, DataTypeDefinition>(StringComparer.Ordinal);
        foreach (var property in dataTypes.EnumerateObject())
        {
            var components = new List<ComponentDefinition>();
            foreach (var tuple in property.Value[1].EnumerateArray())
            {
                components.Add(new ComponentDefinition(
                    components.Count + 1,
                    tuple[0].GetString()!,
                    Optionality(tuple[1].GetInt32()),
                    PositiveOrNull(tuple[2].GetInt32()),
                    tuple.GetArrayLength() > 3 ? tuple[3].GetInt32() : null));
            }

            result[property.Name] = new DataTypeDefinition(property.Name, property.Value[0].GetString()!, components);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // "ADT_A39":[[segment, min, max] | [group, min, max, [children]] | [choice, min, max, [alternatives], 1], ...]
    private static FrozenDictionary<string, MessageStructureDefinition> ReadStructures(JsonElement structures)
    {
        var result = new Dictionary<string, MessageStructureDefinition>(StringComparer.Ordinal);
        foreach (var property in structures.EnumerateObject())
        {
            result[property.Name] = new MessageStructureDefinition(property.Name, ReadNodes(property.Value));
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<StructureNode> ReadNodes(JsonElement nodes)
    {
        var result = new List<StructureNode>(nodes.GetArrayLength());
        foreach (var tuple in nodes.EnumerateArray())
        {
            var length = tuple.GetArrayLength();
            var kind = length switch
            {
                3 => StructureNodeKind.Segment,
                4 => StructureNodeKind.Group,
                _ => StructureNodeKind.Choice,
            };
            var max = tuple[2].GetInt32();
            result.Add(new StructureNode(
                tuple[0].GetString()!,
                kind,
                tuple[1].GetInt32(),
                max == 0 ? null : max,
                length > 3 ? ReadNodes(tuple[3]) : null));
        }

        return result;
    }

    private static Hl7Optionality Optionality(int code) => code switch
    {
        2 => Hl7Optionality.Required,
        3 => Hl7Optionality.Conditional,
        _ => Hl7Optionality.Optional,
    };

    private static int? PositiveOrNull(int value) => value > 0 ? value : null;
}
