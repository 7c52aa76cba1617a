namespace IntegrationHub.Hl7.Definitions;

/// <summary>What a node of a message structure is.</summary>
public enum StructureNodeKind
{
    /// <summary>A segment.</summary>
    Segment,

    /// <summary>A named group of nodes in sequence, e.g. <c>ADT_A39.PATIENT</c>.</summary>
    Group,

    /// <summary>Exactly one of the child nodes (the standard's <c>&lt;A | B&gt;</c>).</summary>
    Choice,
}

/// <summary>
/// A node of a message structure: a segment, a group or a choice, with its cardinality. The tree is immutable and
/// shared by every caller of a version's definitions.
/// </summary>
public sealed class StructureNode
{
    private static readonly IReadOnlyList<StructureNode> NoChildren = [];

    internal StructureNode(string name, StructureNodeKind kind, int min, int? max, IReadOnlyList<StructureNode>? children)
    {
        Name = name;
        Kind = kind;
        Min = min;
        Max = max;
        Children = children ?? NoChildren;
        CanBeAbsent = min == 0 || kind switch
        {
            StructureNodeKind.Group => Children.All(c => c.CanBeAbsent),
            StructureNodeKind.Choice => Children.Any(c => c.CanBeAbsent),
            _ => false,
        };
        FirstSegments = ComputeFirstSegments();
    }

    /// <summary>A segment occurring <paramref name="min"/> to <paramref name="max"/> times (null = unbounded).</summary>
    public static StructureNode Segment(string id, int min = 1, int? max = 1) => new(id, StructureNodeKind.Segment, min, max, null);

    /// <summary>A group of nodes in sequence occurring <paramref name="min"/> to <paramref name="max"/> times.</summary>
    public static StructureNode Group(string name, int min, int? max, params StructureNode[] children) =>
        new(name, StructureNodeKind.Group, min, max, children);

    /// <summary>The segment id (for a segment) or the group name as the standard spells it (e.g. <c>PATIENT</c>).</summary>
    public string Name { get; }

    /// <summary>Segment, group or choice.</summary>
    public StructureNodeKind Kind { get; }

    /// <summary>The minimum number of occurrences (0 = optional).</summary>
    public int Min { get; }

    /// <summary>The maximum number of occurrences; null when unbounded.</summary>
    public int? Max { get; }

    /// <summary>The children of a group (in order) or the alternatives of a choice; empty for a segment.</summary>
    public IReadOnlyList<StructureNode> Children { get; }

    /// <summary>True for a segment node.</summary>
    public bool IsSegment => Kind == StructureNodeKind.Segment;

    /// <summary>True when the node must occur at least once.</summary>
    public bool IsRequired => Min > 0;

    /// <summary>True when the node may occur more than once.</summary>
    public bool IsRepeating => Max is null or > 1;

    /// <summary>
    /// True when a message may lack this node entirely: it is optional, or it is a required group whose children
    /// may all be absent (v2.3.1 ORU_R01's OBSERVATION group is required but holds only optional segments).
    /// </summary>
    public bool CanBeAbsent { get; }

    /// <summary>
    /// The segment ids one occurrence of this node can start with: the segment itself, the alternatives of a
    /// choice, or for a group the first segments of its leading children up to and including the first one that
    /// cannot be absent.
    /// </summary>
    public IReadOnlySet<string> FirstSegments { get; }

    /// <summary>True when <paramref name="segmentId"/> occurs anywhere in this node, at any depth.</summary>
    public bool Contains(string segmentId)
    {
        if (IsSegment)
        {
            return Name == segmentId;
        }

        foreach (var child in Children)
        {
            if (child.Contains(segmentId))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Kind switch
    {
        StructureNodeKind.Segment => $"{Name}[{Min}..{Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}]",
        _ => $"{Name}[{Min}..{Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*"}]({string.Join(", ", Children)})",
    };

    private HashSet<string> ComputeFirstSegments()
    {
        var first = new HashSet<string>(StringComparer.Ordinal);
        switch (Kind)
        {
            case StructureNodeKind.Segment:
                first.Add(Name);
                break;
            case StructureNodeKind.Choice:
                foreach (var alternative in Children)
                {
                    first.UnionWith(alternative.FirstSegments);
                }

                break;
            default:
                foreach (var child in Children)
                {
                    first.UnionWith(child.FirstSegments);
                    if (!child.CanBeAbsent)
                    {
                        break;
                    }
                }

                break;
        }

        return first;
    }
}
