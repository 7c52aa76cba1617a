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
/// Messages of fewer than 64 segments (nearly all) keep their position sets in one <see cref="ulong"/> (bit p: position
/// p reachable), so the check allocates nothing; longer ones use lists of positions. Both compute the same sets.
/// </remarks>
internal sealed class StructureAcceptor
{
    private readonly string[] _ids;

    private StructureAcceptor(string[] ids) => _ids = ids;

    /// <summary>True when <paramref name="ids"/> (the message's segment ids, MSH first) match the structure exactly.</summary>
    public static bool Accepts(MessageStructureDefinition structure, string[] ids)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Length < 64 ? AcceptsByBits(structure, ids) : AcceptsByLists(structure, ids);
    }

    /// <summary>The position sets as bits of one word; positions 0..ids.Length must fit, so fewer than 64 segments.</summary>
    internal static bool AcceptsByBits(MessageStructureDefinition structure, string[] ids)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ids.Length, 64, nameof(ids));
        var end = new StructureAcceptor(ids).Occurrences(structure.Root, 1UL);
        return (end & (1UL << ids.Length)) != 0;
    }

    /// <summary>The position sets as lists: any length.</summary>
    internal static bool AcceptsByLists(MessageStructureDefinition structure, string[] ids)
    {
        var end = new StructureAcceptor(ids).Occurrences(structure.Root, [0]);
        return end.Contains(ids.Length);
    }

    // The bit-set form of Occurrences/Once below: the same rounds, with union as OR and "not yet seen" as AND NOT.
    private ulong Occurrences(StructureNode node, ulong from)
    {
        var result = node.Min == 0 ? from : 0UL;
        var fresh = Once(node, from) & ~result;
        result |= fresh;
        while (node.Max != 1 && fresh != 0)
        {
            fresh = Once(node, fresh) & ~result;
            result |= fresh;
        }

        return result;
    }

    private ulong Once(StructureNode node, ulong from)
    {
        switch (node.Kind)
        {
            case StructureNodeKind.Segment:
                var next = 0UL;
                for (var positions = from; positions != 0; positions &= positions - 1)
                {
                    var p = System.Numerics.BitOperations.TrailingZeroCount(positions);
                    if (p < _ids.Length && _ids[p] == node.Name)
                    {
                        next |= 1UL << (p + 1);
                    }
                }

                return next;
            case StructureNodeKind.Choice:
                var any = 0UL;
                foreach (var alternative in node.Children)
                {
                    any |= Occurrences(alternative, from);
                }

                return any;
            default:
                var reached = from;
                foreach (var child in node.Children)
                {
                    reached = Occurrences(child, reached);
                    if (reached == 0)
                    {
                        break;
                    }
                }

                return reached;
        }
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
