using System.Text;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// Builds the reason of a validation error without any of the instance document's values: the XML holds patient
/// data and the reason travels into logs, events and ACKs.
/// </summary>
internal static class ValidationErrorText
{
    /// <summary>Shown in place of anything quoted in a validator message that is not a name from the schemas.</summary>
    public const char Withheld = '…';

    /// <param name="message">The validator's message.</param>
    /// <param name="element">The element being validated.</param>
    /// <param name="aboutText">True when the error concerns an element's text (its value), not the structure.</param>
    /// <param name="schema">The schema: its declared names may be quoted.</param>
    /// <param name="elementNames">
    /// The names of the open elements, which may be quoted too: the converter derives them from segment ids and
    /// field numbers, never from values (an undeclared segment such as <c>ZXX</c> is named this way).
    /// </param>
    public static string Reason(string message, string element, bool aboutText, FlowSchema schema, IReadOnlyCollection<string> elementNames)
    {
        // System.Xml.Schema quotes the offending value in data type errors ("The value 'Smith' is invalid…");
        // rather than trust any filtering of that text, such errors get a reason of our own.
        if (aboutText)
        {
            return $"The '{element}' element has a value that is not valid for its data type.";
        }

        return WithholdUnknownQuotes(message, schema, elementNames);
    }

    /// <summary>
    /// Keeps quoted names the schemas declare (elements, types, namespaces) or the converter wrote. At the first
    /// other quoted text the reason is cut: a value may itself hold quotes, so nothing after it can be trusted.
    /// </summary>
    public static string WithholdUnknownQuotes(string message, FlowSchema schema, IReadOnlyCollection<string> elementNames)
    {
        var builder = new StringBuilder(message.Length);
        var position = 0;
        while (position < message.Length)
        {
            var open = message.IndexOf('\'', position);
            if (open < 0)
            {
                builder.Append(message, position, message.Length - position);
                break;
            }

            var close = message.IndexOf('\'', open + 1);
            if (close < 0 || !IsSchemaName(message.AsSpan(open + 1, close - open - 1), schema, elementNames))
            {
                builder.Append(message, position, open - position).Append('\'').Append(Withheld).Append('\'');
                break;
            }

            builder.Append(message, position, close + 1 - position);
            position = close + 1;
        }

        return builder.ToString();
    }

    private static bool IsSchemaName(ReadOnlySpan<char> quoted, FlowSchema schema, IReadOnlyCollection<string> elementNames)
    {
        if (quoted.IsEmpty)
        {
            return true;
        }

        // A list of names, as in "List of possible elements expected: 'PID, PD1'".
        foreach (var range in quoted.Split(','))
        {
            var part = quoted[range].Trim();
            if (!IsQualifiedName(part, schema, elementNames))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQualifiedName(ReadOnlySpan<char> name, FlowSchema schema, IReadOnlyCollection<string> elementNames)
    {
        var text = name.ToString();
        if (schema.IsDeclaredName(text) || elementNames.Contains(text))
        {
            return true;
        }

        // 'urn:hl7-org:v2xml:PID.1' or 'http://www.w3.org/2001/XMLSchema:string'
        var colon = name.LastIndexOf(':');
        return colon > 0
            && schema.IsDeclaredName(name[..colon].ToString())
            && (schema.IsDeclaredName(name[(colon + 1)..].ToString()) || elementNames.Contains(name[(colon + 1)..].ToString()) || name[..colon].SequenceEqual(System.Xml.Schema.XmlSchema.Namespace));
    }
}
