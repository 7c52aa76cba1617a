using System.Text;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw;

/// <summary>
/// Copies raw ER7 text from the input into the output, which always uses the standard delimiters <c>|^~\&amp;</c>
/// (the MPI's dialect, and what the existing system's freshly built output message used). Input written with the
/// standard delimiters — every real PHW message — is copied as is; other delimiters are re-expressed, so copied
/// fields keep their structure and escape sequences.
/// </summary>
internal static class Er7Text
{
    public static Hl7Delimiters Output => Hl7Delimiters.Default;

    /// <summary>Appends one field's raw text.</summary>
    public static void AppendField(StringBuilder builder, ReadOnlySpan<char> raw, Hl7Delimiters from)
    {
        if (from == Output)
        {
            builder.Append(raw);
        }
        else
        {
            builder.Append(Hl7DelimiterTranslation.Translate(raw, from, Output));
        }
    }

    /// <summary>One field's raw text as a string in the output delimiters.</summary>
    public static string Field(ReadOnlySpan<char> raw, Hl7Delimiters from) =>
        from == Output ? raw.ToString() : Hl7DelimiterTranslation.Translate(raw, from, Output);

    /// <summary>A whole segment, verbatim.</summary>
    public static string Segment(Hl7Segment segment, Hl7Delimiters from)
    {
        if (from == Output)
        {
            return segment.ToString();
        }

        // The field separator is not one of the characters a field translation maps, so go field by field.
        var builder = new StringBuilder(segment.Raw.Length + 16);
        var first = true;
        foreach (var range in segment.Raw.Split(from.Field))
        {
            if (!first)
            {
                builder.Append(Output.Field);
            }

            AppendField(builder, segment.Raw[range], from);
            first = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A segment holding a line break cannot be written (the break would split it). This only happens when the
    /// input was split on CR alone and a field carried an LF; it fails like other refused input, naming the segment.
    /// </summary>
    public static string EnsureSingleLine(string segment, int position)
    {
        if (segment.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new Hl7TransformException(
                $"Segment {position + 1} ({segment.AsSpan(0, Math.Min(3, segment.Length))}) contains a line break inside its text and cannot be copied.");
        }

        return segment;
    }
}
