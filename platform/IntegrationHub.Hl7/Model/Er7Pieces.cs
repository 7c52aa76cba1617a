using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>Span helpers for the delimiter-separated pieces of ER7 text (repetitions, components, sub-components).</summary>
public static class Er7Pieces
{
    /// <summary>The <paramref name="number"/>-th (1-based) piece of <paramref name="text"/>; empty when absent.</summary>
    public static ReadOnlySpan<char> Piece(ReadOnlySpan<char> text, char separator, int number) =>
        TryPiece(text, separator, number, out var piece) ? piece : ReadOnlySpan<char>.Empty;

    /// <summary>Finds the <paramref name="number"/>-th (1-based) piece; false when the text has fewer pieces.</summary>
    public static bool TryPiece(ReadOnlySpan<char> text, char separator, int number, out ReadOnlySpan<char> piece)
    {
        piece = ReadOnlySpan<char>.Empty;
        if (number < 1)
        {
            return false;
        }

        var remaining = text;
        for (var i = 1; i < number; i++)
        {
            var next = remaining.IndexOf(separator);
            if (next < 0)
            {
                return false;
            }

            remaining = remaining[(next + 1)..];
        }

        var end = remaining.IndexOf(separator);
        piece = end < 0 ? remaining : remaining[..end];
        return true;
    }

    /// <summary>How many pieces <paramref name="text"/> has (an empty text has one, empty, piece).</summary>
    public static int Count(ReadOnlySpan<char> text, char separator) => text.Count(separator) + 1;

    /// <summary>
    /// Returns <paramref name="text"/> with its <paramref name="number"/>-th piece replaced, adding empty pieces
    /// when the text has fewer.
    /// </summary>
    public static string Replace(ReadOnlySpan<char> text, char separator, int number, ReadOnlySpan<char> replacement)
    {
        var builder = new StringBuilder(text.Length + replacement.Length + number);
        var remaining = text;
        var index = 1;
        var done = false;
        while (true)
        {
            var end = remaining.IndexOf(separator);
            var piece = end < 0 ? remaining : remaining[..end];
            if (index > 1)
            {
                builder.Append(separator);
            }

            if (index == number)
            {
                builder.Append(replacement);
                done = true;
            }
            else
            {
                builder.Append(piece);
            }

            if (end < 0)
            {
                break;
            }

            remaining = remaining[(end + 1)..];
            index++;
        }

        while (!done)
        {
            index++;
            builder.Append(separator);
            if (index == number)
            {
                builder.Append(replacement);
                done = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes trailing empty pieces (<c>A^B^^</c> → <c>A^B</c>, <c>^^</c> → empty).</summary>
    public static ReadOnlySpan<char> TrimTrailingEmpty(ReadOnlySpan<char> text, char separator) => text.TrimEnd(separator);
}
