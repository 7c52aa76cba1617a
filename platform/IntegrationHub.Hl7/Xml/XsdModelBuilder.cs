using System.Xml;
using System.Xml.Schema;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// Reads what the converter needs out of a compiled schema set. Working on the compiled set (rather than the XSD
/// text) means references, includes and <c>complexContent/extension</c> base types are already resolved.
/// </summary>
internal sealed class XsdModelBuilder
{
    // QUIRK (spec §3.3): the reference canonicalises numbers by the HL7 library's own type of a component, which
    // in v2.3.1 makes CX.2 (check digit) an NM although the 2.3.1 flow XSD declares it ST. The XSD types cover
    // every other case (PID.1 SI, MSH.13 NM, …).
    private static readonly Dictionary<string, string[]> NumericOverrides = new(StringComparer.Ordinal)
    {
        ["2_3_1"] = ["CX.2"],
    };

    // A type's children are shared by every element of that type (CX.4 and PID.3's HD, for instance).
    private readonly Dictionary<XmlSchemaType, XsdNode[]> _childrenByType = [];
    private readonly HashSet<string> _numericNames;

    public XsdModelBuilder(string prefix)
    {
        _numericNames = NumericOverrides.TryGetValue(prefix, out var names) ? new HashSet<string>(names, StringComparer.Ordinal) : [];
    }

    /// <summary>Every globally declared segment (three-character element) with its fields and their types.</summary>
    public Dictionary<string, XsdNode> Segments(XmlSchemaSet schemas)
    {
        var segments = new Dictionary<string, XsdNode>(StringComparer.Ordinal);
        foreach (XmlSchemaElement element in schemas.GlobalElements.Values)
        {
            if (element.QualifiedName.Namespace == Hl7XmlNames.Namespace && element.QualifiedName.Name.Length == 3)
            {
                segments[element.QualifiedName.Name] = Node(element, depth: 0);
            }
        }

        return segments;
    }

    /// <summary>
    /// The structure's root content: segments and groups, groups carrying their member segments (segments here are
    /// shallow — their fields come from <see cref="Segments"/>).
    /// </summary>
    public static XsdNode? Structure(XmlSchemaSet schemas, string structure)
    {
        if (schemas.GlobalElements[new XmlQualifiedName(structure, Hl7XmlNames.Namespace)] is not XmlSchemaElement root)
        {
            return null;
        }

        return Shallow(root, depth: 0);
    }

    /// <summary>A group is a structure-level element that is not a segment: <c>ADT_A39.PATIENT</c>.</summary>
    public static bool IsGroupName(string name) => name.Contains('.', StringComparison.Ordinal);

    /// <summary>All names the schemas declare (elements, types) — the only words an error text may quote.</summary>
    public static HashSet<string> DeclaredNames(XmlSchemaSet schemas)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { Hl7XmlNames.Namespace, XmlSchema.Namespace };
        foreach (XmlSchemaElement element in schemas.GlobalElements.Values)
        {
            names.Add(element.QualifiedName.Name);
        }

        foreach (XmlSchemaType type in schemas.GlobalTypes.Values)
        {
            names.Add(type.QualifiedName.Name);
        }

        return names;
    }

    private static XsdNode Shallow(XmlSchemaElement element, int depth)
    {
        var name = element.QualifiedName.Name;
        var children = Array.Empty<XsdNode>();
        if ((depth == 0 || IsGroupName(name)) && depth < 8 && element.ElementSchemaType is XmlSchemaComplexType complex)
        {
            var list = new List<XsdNode>();
            foreach (var child in Elements(complex.ContentTypeParticle))
            {
                list.Add(Shallow(child, depth + 1));
            }

            children = [.. list];
        }

        return new XsdNode(name, Min(element), Max(element), children, XsdNumericKind.None);
    }

    private XsdNode Node(XmlSchemaElement element, int depth)
    {
        var name = element.QualifiedName.Name;
        var type = element.ElementSchemaType;
        var children = Array.Empty<XsdNode>();
        if (type is XmlSchemaComplexType { ContentType: XmlSchemaContentType.ElementOnly or XmlSchemaContentType.Mixed } complex)
        {
            children = ChildrenOf(complex, depth);
        }

        var numeric = children.Length > 0 ? XsdNumericKind.None
            : _numericNames.Contains(name) ? XsdNumericKind.Decimal
            : NumericKindOf(type);
        return new XsdNode(name, Min(element), Max(element), children, numeric);
    }

    private XsdNode[] ChildrenOf(XmlSchemaComplexType type, int depth)
    {
        if (_childrenByType.TryGetValue(type, out var cached))
        {
            return cached;
        }

        // HL7 types nest three or four deep; the limit only guards against a pathological recursive schema.
        if (depth > 12)
        {
            return [];
        }

        var list = new List<XsdNode>();
        foreach (var child in Elements(type.ContentTypeParticle))
        {
            list.Add(Node(child, depth + 1));
        }

        XsdNode[] children = [.. list];
        _childrenByType[type] = children;
        return children;
    }

    private static XsdNumericKind NumericKindOf(XmlSchemaType? type)
    {
        for (var current = type; current is not null; current = current.BaseXmlSchemaType)
        {
            var qualified = current.QualifiedName;
            if (qualified.Namespace == Hl7XmlNames.Namespace)
            {
                if (qualified.Name == "SI")
                {
                    return XsdNumericKind.Integer;
                }

                if (qualified.Name == "NM")
                {
                    return XsdNumericKind.Decimal;
                }
            }
        }

        return XsdNumericKind.None;
    }

    private static IEnumerable<XmlSchemaElement> Elements(XmlSchemaParticle? particle)
    {
        switch (particle)
        {
            case XmlSchemaElement element:
                yield return element;
                break;
            case XmlSchemaGroupBase group:
                foreach (var item in group.Items)
                {
                    foreach (var element in Elements(item as XmlSchemaParticle))
                    {
                        yield return element;
                    }
                }

                break;
        }
    }

    private static int Min(XmlSchemaParticle particle) => particle.MinOccurs >= int.MaxValue ? int.MaxValue : (int)particle.MinOccurs;

    private static int Max(XmlSchemaParticle particle) => particle.MaxOccurs >= int.MaxValue ? int.MaxValue : (int)particle.MaxOccurs;
}
