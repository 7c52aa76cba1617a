namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// One element of a flow schema as the ER7 → XML converter sees it: a group, segment, field or component, with
/// the occurrence limits of the reference that uses it and the child elements of its type.
/// </summary>
public sealed class XsdNode
{
    internal XsdNode(string name, int minOccurs, int maxOccurs, XsdNode[] children, XsdNumericKind numeric)
    {
        Name = name;
        MinOccurs = minOccurs;
        MaxOccurs = maxOccurs;
        ChildNodes = children;
        NumericKind = numeric;
        Number = TrailingNumber(name);
    }

    /// <summary>The element name, e.g. <c>PID</c>, <c>PID.3</c>, <c>CX.4</c>, <c>ADT_A39.PATIENT</c>.</summary>
    public string Name { get; }

    /// <summary>minOccurs of the reference (0 = optional).</summary>
    public int MinOccurs { get; }

    /// <summary>maxOccurs of the reference; <see cref="int.MaxValue"/> when unbounded.</summary>
    public int MaxOccurs { get; }

    /// <summary>True when the element may occur more than once (field repetitions are split only then).</summary>
    public bool Repeats => MaxOccurs > 1;

    /// <summary>True when minOccurs ≥ 1.</summary>
    public bool IsRequired => MinOccurs >= 1;

    /// <summary>The child elements of the element's type in schema order (empty for a leaf).</summary>
    public IReadOnlyList<XsdNode> Children => ChildNodes;

    /// <summary>True when the type has no child elements: the element holds text.</summary>
    public bool IsLeaf => ChildNodes.Length == 0;

    /// <summary>True for leaves of HL7 type SI or NM, whose values the reference writes in canonical number form.</summary>
    public bool IsNumeric => NumericKind != XsdNumericKind.None;

    internal XsdNumericKind NumericKind { get; }

    /// <summary>The number after the last dot of the name (<c>PID.3</c> → 3); 0 when there is none.</summary>
    public int Number { get; }

    internal XsdNode[] ChildNodes { get; }

    public override string ToString() => Name;

    private static int TrailingNumber(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot >= 0 && int.TryParse(name.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : 0;
    }
}

/// <summary>Which number type the reference's HL7 library gives a leaf (it decides how the value is canonicalised).</summary>
internal enum XsdNumericKind
{
    None,

    /// <summary>SI: Python int.</summary>
    Integer,

    /// <summary>NM: Python Decimal.</summary>
    Decimal,
}
