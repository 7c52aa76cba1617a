using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// The hub's output form (spec §4.3): trailing empty fields dropped, trailing empty components and
/// sub-components of each repetition dropped, empty repetitions kept, MSH-1/MSH-2 untouched.
/// </summary>
internal static class Hl7Normalizer
{
    public static void AppendSegment(StringBuilder builder, Hl7Segment segment)
    {
        var d = segment.Delimiters;
        var lastPart = segment.PartCount - 1;
        var firstTrimmable = segment.IsHeader ? 2 : 1;
        while (lastPart >= firstTrimmable && IsEmptyAfterNormalizing(segment.Part(lastPart), d))
        {
            lastPart--;
        }

        builder.Append(segment.Part(0));
        for (var i = 1; i <= lastPart; i++)
        {
            builder.Append(d.Field);
            if (segment.IsHeader && i == 1)
            {
                builder.Append(segment.Part(1));
                continue;
            }

            AppendField(builder, segment.Part(i), d);
        }
    }

    private static bool IsEmptyAfterNormalizing(ReadOnlySpan<char> field, Hl7Delimiters d)
    {
        // A field with repetition separators keeps them (empty repetitions are meaningful), so only a field
        // made of component and sub-component separators alone is empty.
        foreach (var c in field)
        {
            if (c != d.Component && c != d.SubComponent)
            {
                return false;
            }
        }

        return true;
    }

    private static void AppendField(StringBuilder builder, ReadOnlySpan<char> field, Hl7Delimiters d)
    {
        var first = true;
        foreach (var range in field.Split(d.Repetition))
        {
            if (!first)
            {
                builder.Append(d.Repetition);
            }

            first = false;
            AppendRepetition(builder, field[range], d);
        }
    }

    private static void AppendRepetition(StringBuilder builder, ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        // Find the last component that still holds something once its trailing sub-components are gone.
        var kept = 0;
        var index = 0;
        foreach (var range in repetition.Split(d.Component))
        {
            index++;
            if (!repetition[range].TrimEnd(d.SubComponent).IsEmpty)
            {
                kept = index;
            }
        }

        index = 0;
        foreach (var range in repetition.Split(d.Component))
        {
            index++;
            if (index > kept)
            {
                break;
            }

            if (index > 1)
            {
                builder.Append(d.Component);
            }

            builder.Append(repetition[range].TrimEnd(d.SubComponent));
        }
    }
}
