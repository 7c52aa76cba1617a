using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Validation;

/// <summary>
/// Decides exactly whether a segment sequence is a valid instance of a structure, ambiguities included, by tracking
/// every position a partial match can have reached (a position-set simulation of the structure read as a regular
/// expression: min 0/1 and max 1/unbounded make each node <c>x</c>, <c>x?</c>, <c>x+</c> or <c>x*</c>).
/// </summary>
/// <remarks>
/// A few HL7 structures cannot be matched by looking at one segment at a time: in v2.5 OMD_O03 both ORDER_DIET and
/// ORDER_TRAY start with ORC, and CSU_C09's STUDY_OBSERVATION and STUDY_PHARM both start with an optional ORC. The
/// greedy <see cref="StructureMatcher"/> would report false errors there, so it only runs to explain messages this
/// acceptor has rejected. The cost grows with the message length times the size of the structure.
/// </remarks>
internal sealed class StructureAcceptor
{
    private readonly string[] _ids;

    private StructureAcceptor(string[] ids) => _ids = ids;

    /// <summary>True when <paramref name="ids"/> (the message's segment ids, MSH first) match the structure exactly.</summary>
    public static bool Accepts(MessageStructureDefinition structure, string[] ids)
    {
        var end = new StructureAcceptor(ids).Occurrences(structure.Root, [0]);
        return end.Contains(ids.Length);
    }

    // Positions reachable after min..max occurrences of the node from any position in 'from'. Sets are lists of
    // distinct positions: a repetition round works only on the positions the previous round newly reached, so a
    // run of many repeated segments costs time in proportion to its length, not its square.
    private List<int> Occurrences(StructureNode node, List<int> from)
    {
        var seen = new HashSet<int>();
        var result = new List<int>();
        if (node.Min == 0)
        {
            AddNew(from, seen, result);
        }

        var fresh = AddNew(Once(node, from), seen, result);
        while (node.Max != 1 && fresh.Count > 0)
        {
            fresh = AddNew(Once(node, fresh), seen, result);
        }

        return result;
    }

    // Positions reachable after exactly one occurrence of the node.
    private List<int> Once(StructureNode node, List<int> from)
    {
        switch (node.Kind)
        {
            case StructureNodeKind.Segment:
                var next = new List<int>();
                foreach (var p in from)
                {
                    if (p < _ids.Length && _ids[p] == node.Name)
                    {
                        next.Add(p + 1);
                    }
                }

                return next;
            case StructureNodeKind.Choice:
                var seen = new HashSet<int>();
                var any = new List<int>();
                foreach (var alternative in node.Children)
                {
                    AddNew(Occurrences(alternative, from), seen, any);
                }

                return any;
            default:
                var reached = from;
                foreach (var child in node.Children)
                {
                    reached = Occurrences(child, reached);
                    if (reached.Count == 0)
                    {
                        break;
                    }
                }

                return reached;
        }
    }

    /// <summary>Appends the positions of <paramref name="source"/> not yet seen to <paramref name="result"/>; returns them.</summary>
    private static List<int> AddNew(List<int> source, HashSet<int> seen, List<int> result)
    {
        var fresh = new List<int>();
        foreach (var p in source)
        {
            if (seen.Add(p))
            {
                result.Add(p);
                fresh.Add(p);
            }
        }

        return fresh;
    }
}
