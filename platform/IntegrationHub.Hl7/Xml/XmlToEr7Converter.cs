using System.Text;
using System.Xml;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// HL7 v2 XML → ER7 as the reference's SOAP server does it (spec §3.7): segments are the three-character elements
/// at the root or inside group elements; a field's text is its element text or, for a composite, the non-empty
/// texts of its children joined by <c>^</c> (recursively); repetitions joined by <c>~</c>; MSH written from MSH-2;
/// segments joined by CR.
/// </summary>
public static class XmlToEr7Converter
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Throws <see cref="Hl7XmlConversionException"/> for text that is not well-formed XML.</summary>
    public static string ToEr7(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var segments = new List<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            reader.MoveToContent();
            var rootDepth = reader.Depth;
            if (reader.IsEmptyElement)
            {
                return string.Empty;
            }

            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == rootDepth)
                {
                    break;
                }

                // Elements that are not segments are groups (or the root): their children are searched too.
                if (reader.NodeType == XmlNodeType.Element && IsSegmentName(reader.LocalName))
                {
                    segments.Add(ReadSegment(reader));
                }
            }
        }
        catch (XmlException ex)
        {
            throw new Hl7XmlConversionException($"The HL7 XML is not well-formed: {ex.Message}", ex);
        }

        return string.Join('\r', segments);
    }

    /// <summary>Three characters: upper-case, upper-case, upper-case or digit.</summary>
    public static bool IsSegmentName(string name) =>
        name.Length == 3 && char.IsAsciiLetterUpper(name[0]) && char.IsAsciiLetterUpper(name[1]) && (char.IsAsciiLetterUpper(name[2]) || char.IsAsciiDigit(name[2]));

    private static string ReadSegment(XmlReader reader)
    {
        var id = reader.LocalName;
        var fields = new SortedDictionary<int, StringBuilder>();
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var number = FieldNumber(id, reader.LocalName);
                var text = ElementText(reader);
                if (number <= 0)
                {
                    continue;
                }

                if (fields.TryGetValue(number, out var existing))
                {
                    existing.Append('~').Append(text);
                }
                else
                {
                    fields[number] = new StringBuilder(text);
                }
            }
        }

        var builder = new StringBuilder(id);
        var isHeader = id == "MSH";
        var first = isHeader ? 2 : 1;
        var last = fields.Count == 0 ? first - 1 : fields.Keys.Max();
        for (var number = first; number <= last; number++)
        {
            builder.Append('|');
            if (fields.TryGetValue(number, out var text))
            {
                builder.Append(text);
            }
        }

        if (isHeader && last < first)
        {
            builder.Append('|');
        }

        return builder.ToString();
    }

    private static int FieldNumber(string segment, string name) =>
        name.Length > segment.Length + 1 && name.StartsWith(segment, StringComparison.Ordinal) && name[segment.Length] == '.'
            && int.TryParse(name.AsSpan(segment.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : 0;

    /// <summary>Reads the current element to its end: its text, or its children's non-empty texts joined by '^'.</summary>
    private static string ElementText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = new StringBuilder();
        List<string>? children = null;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    children ??= [];
                    var child = ElementText(reader);
                    if (child.Length > 0)
                    {
                        children.Add(child);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    text.Append(reader.Value);
                    break;
            }
        }

        return children is null ? text.ToString() : string.Join('^', children);
    }
}
