using System.Xml.Schema;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// One flow's compiled schema for one message structure, with the metadata the converter reads from it. Immutable
/// once built, so one instance serves every thread.
/// </summary>
public sealed class FlowSchema
{
    private readonly Dictionary<string, XsdNode> _segments;
    private readonly Dictionary<string, XsdNode> _groupsByFirstSegment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _groupMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rootOrder = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declaredNames;

    internal FlowSchema(string flow, string structure, string prefix, string path, XmlSchemaSet schemas, XsdNode root)
    {
        Flow = flow;
        Structure = structure;
        Prefix = prefix;
        SchemaPath = path;
        Schemas = schemas;
        Root = root;
        _segments = new XsdModelBuilder(prefix).Segments(schemas);
        _declaredNames = XsdModelBuilder.DeclaredNames(schemas);

        for (var i = 0; i < root.ChildNodes.Length; i++)
        {
            var child = root.ChildNodes[i];
            if (XsdModelBuilder.IsGroupName(child.Name))
            {
                var members = AddGroup(child);
                foreach (var member in members)
                {
                    _rootOrder.TryAdd(member, i);
                }
            }
            else
            {
                _rootOrder.TryAdd(child.Name, i);
            }
        }

        RequiresEvn = root.ChildNodes.Any(static c => c.Name == "EVN" && c.IsRequired);
        RequiresPv1 = root.ChildNodes.Any(static c => c.Name == "PV1" && c.IsRequired);
        Pv1Position = _rootOrder.TryGetValue("PV1", out var pv1) ? pv1 : -1;
    }

    /// <summary>The flow (folder name), e.g. <c>phw</c>.</summary>
    public string Flow { get; }

    /// <summary>The message structure, e.g. <c>ADT_A05</c>; also the XML root element.</summary>
    public string Structure { get; }

    /// <summary>The version prefix of the flow's shared XSDs, e.g. <c>2_5</c>.</summary>
    public string Prefix { get; }

    /// <summary>The structure XSD file.</summary>
    public string SchemaPath { get; }

    /// <summary>The compiled schema set (structure, segments, fields, types).</summary>
    public XmlSchemaSet Schemas { get; }

    /// <summary>The root element: its children are the structure's segments and groups in order.</summary>
    public XsdNode Root { get; }

    /// <summary>True when the root sequence requires EVN (the synthesised-EVN quirk applies).</summary>
    public bool RequiresEvn { get; }

    /// <summary>True when the root sequence requires PV1 (the synthesised-PV1 quirk applies).</summary>
    public bool RequiresPv1 { get; }

    internal int Pv1Position { get; }

    /// <summary>The segment's definition (fields in <c>&lt;SEG&gt;.CONTENT</c> order), or null for Z- and unknown segments.</summary>
    public XsdNode? Segment(string id) => _segments.GetValueOrDefault(id);

    /// <summary>The group a segment opens when it is the group's first child, or null.</summary>
    public XsdNode? GroupStartedBy(string segmentId) => _groupsByFirstSegment.GetValueOrDefault(segmentId);

    /// <summary>True when <paramref name="segmentId"/> is one of the group's segments.</summary>
    public bool IsMember(XsdNode group, string segmentId) =>
        _groupMembers.TryGetValue(group.Name, out var members) && members.Contains(segmentId);

    /// <summary>
    /// The first position in the root sequence where the segment may stand (directly or inside a group), or -1 when
    /// the structure has no place for it.
    /// </summary>
    internal int RootPosition(string segmentId) => _rootOrder.TryGetValue(segmentId, out var position) ? position : -1;

    internal bool IsDeclaredName(string name) => _declaredNames.Contains(name);

    // Groups are handled flat, as the reference does: every group of the structure, at any depth, is opened by its
    // first segment. The flow XSDs have no nested groups.
    private HashSet<string> AddGroup(XsdNode group)
    {
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in group.ChildNodes)
        {
            if (XsdModelBuilder.IsGroupName(child.Name))
            {
                members.UnionWith(AddGroup(child));
            }
            else
            {
                members.Add(child.Name);
            }
        }

        _groupMembers[group.Name] = members;
        var first = FirstSegment(group);
        if (first is not null)
        {
            _groupsByFirstSegment.TryAdd(first, group);
        }

        return members;
    }

    private static string? FirstSegment(XsdNode group)
    {
        if (group.ChildNodes.Length == 0)
        {
            return null;
        }

        var first = group.ChildNodes[0];
        return XsdModelBuilder.IsGroupName(first.Name) ? FirstSegment(first) : first.Name;
    }
}
