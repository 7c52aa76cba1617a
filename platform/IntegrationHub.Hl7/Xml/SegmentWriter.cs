namespace IntegrationHub.Hl7.Xml;

/// <summary>A parsed segment, or a synthesised one that has a single field.</summary>
internal readonly struct SegmentSource
{
    private readonly Hl7Segment? _segment;
    private readonly int _field;
    private readonly string? _text;

    public SegmentSource(Hl7Segment segment)
    {
        _segment = segment;
        _field = 0;
        _text = null;
    }

    public SegmentSource(int field, string text)
    {
        _segment = null;
        _field = field;
        _text = text;
    }

    public int FieldCount => _segment?.FieldCount ?? _field;

    public ReadOnlySpan<char> Field(int number) =>
        _segment is not null ? _segment.Field(number) : number == _field ? _text.AsSpan() : ReadOnlySpan<char>.Empty;
}

/// <summary>Writes one segment's element: its fields in schema order, repetitions, components and leaves.</summary>
internal readonly struct SegmentWriter(FlowSchema schema, Hl7XmlOutput output, Hl7Delimiters delimiters)
{
    public void Write(string id, SegmentSource source)
    {
        output.Start(id);
        var definition = schema.Segment(id);
        if (definition is null || definition.IsLeaf)
        {
            WriteUndeclared(id, source);
        }
        else
        {
            foreach (var field in definition.ChildNodes)
            {
                // An element not named <SEG>.<n> has no ER7 field to take text from.
                WriteField(field, field.Number > 0 ? source.Field(field.Number).Trim() : default);
            }
        }

        output.End();
    }

    private void WriteField(XsdNode field, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            // A required field is always written (empty), so the flow XSDs never fail on a missing value.
            if (field.IsRequired)
            {
                WriteValue(field, text);
            }

            return;
        }

        if (!field.Repeats)
        {
            // A non-repeating field keeps any repetition separator as part of its text.
            WriteValue(field, text);
            return;
        }

        foreach (var range in text.Split(delimiters.Repetition))
        {
            WriteValue(field, text[range]);
        }
    }

    /// <summary>
    /// A composite gets every child of its type, from the text split on the component separator only — a
    /// component's sub-components stay together as the text of its type's first child, and pieces beyond the
    /// type's children are dropped.
    /// </summary>
    private void WriteValue(XsdNode node, ReadOnlySpan<char> text)
    {
        if (node.IsLeaf)
        {
            var value = text.ToString();
            if (node.NumericKind != XsdNumericKind.None && value.Length > 0)
            {
                value = NumericCanonicalizer.Canonical(value, node.NumericKind == XsdNumericKind.Integer);
            }

            output.Leaf(node.Name, value);
            return;
        }

        output.Start(node.Name);
        var remaining = text;
        var exhausted = false;
        foreach (var child in node.ChildNodes)
        {
            var piece = ReadOnlySpan<char>.Empty;
            if (!exhausted)
            {
                var separator = remaining.IndexOf(delimiters.Component);
                if (separator < 0)
                {
                    piece = remaining;
                    exhausted = true;
                }
                else
                {
                    piece = remaining[..separator];
                    remaining = remaining[(separator + 1)..];
                }
            }

            WriteValue(child, piece);
        }

        output.End();
    }

    /// <summary>Z-segments and segments the schemas do not declare: every non-empty field, unsplit, in index order.</summary>
    private void WriteUndeclared(string id, SegmentSource source)
    {
        var count = source.FieldCount;
        for (var number = 1; number <= count; number++)
        {
            var text = source.Field(number).Trim();
            if (!text.IsEmpty)
            {
                output.Leaf(FieldName(id, number), text.ToString());
            }
        }
    }

    private static string FieldName(string id, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}.{number}");
}
