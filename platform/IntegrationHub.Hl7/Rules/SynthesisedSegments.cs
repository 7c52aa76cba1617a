using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Rules;

/// <summary>
/// The existing system's XML conversion inserts segments a message lacks (spec §3.3, QUIRK): an EVN holding only
/// EVN-2 = MSH-7 when the structure requires EVN and the first segment other than MSH/SFT/EVN arrives without one;
/// a PV1 holding only PV1-2 = U when the structure requires PV1 at its top level and a segment that comes after
/// PV1 in the top-level order arrives first. A message that simply ends before PV1 gets none.
/// </summary>
public static class SynthesisedSegments
{
    /// <summary>The message as the structural check sees it: a copy with the synthesised segments, or the message itself.</summary>
    public static Hl7Message Apply(Hl7Message message, MessageStructureDefinition structure)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(structure);
        var order = TopLevelOrder(structure);
        var requiresEvn = IsRequiredTopLevel(structure, "EVN");
        var requiresPv1 = IsRequiredTopLevel(structure, "PV1");
        var pv1Position = order.GetValueOrDefault("PV1", -1);
        var seenEvn = false;
        var seenPv1 = false;
        Hl7Message? copy = null;
        var inserted = 0;
        var segments = message.Segments;
        for (var i = 1; i < segments.Count; i++)
        {
            var id = segments[i].Id;
            if (requiresEvn && !seenEvn && id is not ("SFT" or "EVN"))
            {
                copy ??= Copy(message);
                copy.InsertSegment(i + inserted, $"EVN{message.Delimiters.Field}{message.Delimiters.Field}{message.Get("MSH-7")}");
                inserted++;
                seenEvn = true;
            }

            seenEvn |= id == "EVN";
            if (requiresPv1 && !seenPv1 && id != "PV1" && order.TryGetValue(id, out var position) && position > pv1Position)
            {
                copy ??= Copy(message);
                copy.InsertSegment(i + inserted, $"PV1{message.Delimiters.Field}{message.Delimiters.Field}U");
                inserted++;
                seenPv1 = true;
            }

            seenPv1 |= id == "PV1";
        }

        return copy ?? message;
    }

    private static Hl7Message Copy(Hl7Message message) => message.Clone();

    private static bool IsRequiredTopLevel(MessageStructureDefinition structure, string id) =>
        structure.Children.Any(n => n.IsSegment && n.Name == id && n.IsRequired);

    /// <summary>Each segment's first position in the top-level order; a group's members take the group's position.</summary>
    private static Dictionary<string, int> TopLevelOrder(MessageStructureDefinition structure)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < structure.Children.Count; i++)
        {
            Add(structure.Children[i], i, order);
        }

        return order;
    }

    private static void Add(StructureNode node, int position, Dictionary<string, int> order)
    {
        if (node.IsSegment)
        {
            order.TryAdd(node.Name, position);
            return;
        }

        foreach (var child in node.Children)
        {
            Add(child, position, order);
        }
    }
}
