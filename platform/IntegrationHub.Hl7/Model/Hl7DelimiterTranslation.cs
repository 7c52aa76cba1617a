using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>Re-expresses raw ER7 text written with one delimiter set in another, keeping its structure.</summary>
public static class Hl7DelimiterTranslation
{
    public static string Translate(ReadOnlySpan<char> raw, Hl7Delimiters from, Hl7Delimiters to)
    {
        if (from == to)
        {
            return raw.ToString();
        }

        var builder = new StringBuilder(raw.Length + 8);
        foreach (var c in raw)
        {
            if (c == from.Component)
            {
                builder.Append(to.Component);
            }
            else if (c == from.Repetition)
            {
                builder.Append(to.Repetition);
            }
            else if (c == from.SubComponent)
            {
                builder.Append(to.SubComponent);
            }
            else if (c == from.Escape)
            {
                builder.Append(to.Escape);
            }
            else if (to.IsDelimiter(c))
            {
                // A character that is data in the source but a delimiter in the target must be escaped there.
                builder.Append(Hl7Escaping.Encode(c.ToString(), to));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
