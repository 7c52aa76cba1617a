namespace IntegrationHub.Hl7.Definitions;

/// <summary>A message structure (e.g. <c>ADT_A05</c>): the tree of segments and groups a message of it follows.</summary>
public sealed class MessageStructureDefinition
{
    /// <summary>A structure written in code, e.g. a flow's local variant of a standard one.</summary>
    public MessageStructureDefinition(string id, IReadOnlyList<StructureNode> children)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(children);
        Id = id;
        Root = new StructureNode(id, StructureNodeKind.Group, 1, 1, children);
    }

    /// <summary>The structure id, e.g. <c>ADT_A39</c>.</summary>
    public string Id { get; }

    /// <summary>The whole structure as one group named after the structure, occurring exactly once.</summary>
    public StructureNode Root { get; }

    /// <summary>The top-level nodes in order (starting with MSH).</summary>
    public IReadOnlyList<StructureNode> Children => Root.Children;

    /// <summary>True when <paramref name="segmentId"/> occurs anywhere in the structure.</summary>
    public bool Contains(string segmentId) => Root.Contains(segmentId);

    /// <summary>The group named <paramref name="name"/> at any depth (depth-first), or null.</summary>
    public StructureNode? FindGroup(string name) => FindGroup(Root, name);

    public override string ToString() => Root.ToString();

    private static StructureNode? FindGroup(StructureNode node, string name)
    {
        foreach (var child in node.Children)
        {
            if (child.Kind == StructureNodeKind.Group && child.Name == name)
            {
                return child;
            }

            var found = FindGroup(child, name);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
