using System.Globalization;
using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// HL7 escape sequences (v2.5 §2.7). Raw values keep their escapes; they are decoded only when a value is asked
/// for as text, and text written into a message is escaped.
/// </summary>
public static class Hl7Escaping
{
    /// <summary>
    /// Decodes escape sequences: <c>\F\ \S\ \T\ \R\ \E\</c> to the delimiters, <c>\Xhh…\</c> to the bytes it names
    /// (read as UTF-8, Latin-1 when not valid UTF-8), <c>\.br\</c> and <c>\.sp\</c> to a line break. Highlighting
    /// (<c>\H\ \N\</c>), character-set (<c>\C…\ \M…\</c>), local (<c>\Z…\</c>) and other formatting commands carry
    /// no text and are removed. A lone escape character without a closing one is kept as it is.
    /// </summary>
    public static string Decode(ReadOnlySpan<char> raw, Hl7Delimiters delimiters)
    {
        var escape = delimiters.Escape;
        var first = raw.IndexOf(escape);
        if (first < 0)
        {
            return raw.ToString();
        }

        var builder = new StringBuilder(raw.Length);
        builder.Append(raw[..first]);
        var i = first;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != escape)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var close = raw[(i + 1)..].IndexOf(escape);
            if (close < 0)
            {
                builder.Append(raw[i..]);
                break;
            }

            var sequence = raw.Slice(i + 1, close);
            if (!AppendDecoded(builder, sequence, delimiters))
            {
                // Not a sequence we know: keep it verbatim rather than lose data.
                builder.Append(raw.Slice(i, close + 2));
            }

            i += close + 2;
        }

        return builder.ToString();
    }

    /// <summary>Escapes every delimiter in <paramref name="text"/>; line breaks become <c>\.br\</c>.</summary>
    public static string Encode(ReadOnlySpan<char> text, Hl7Delimiters delimiters)
    {
        var needs = false;
        foreach (var c in text)
        {
            if (delimiters.IsDelimiter(c) || c is '\r' or '\n')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return text.ToString();
        }

        var e = delimiters.Escape;
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var code = c == delimiters.Field ? 'F'
                : c == delimiters.Component ? 'S'
                : c == delimiters.SubComponent ? 'T'
                : c == delimiters.Repetition ? 'R'
                : c == e ? 'E'
                : '\0';
            if (code != '\0')
            {
                builder.Append(e).Append(code).Append(e);
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                builder.Append(e).Append(".br").Append(e);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool AppendDecoded(StringBuilder builder, ReadOnlySpan<char> sequence, Hl7Delimiters d)
    {
        switch (sequence)
        {
            case ['F']:
                builder.Append(d.Field);
                return true;
            case ['S']:
                builder.Append(d.Component);
                return true;
            case ['T']:
                builder.Append(d.SubComponent);
                return true;
            case ['R']:
                builder.Append(d.Repetition);
                return true;
            case ['E']:
                builder.Append(d.Escape);
                return true;
            case ['H'] or ['N']:
                return true;
            case ['X', .. var hex]:
                return AppendHex(builder, hex);
            case ['C' or 'M' or 'Z', ..]:
                return true;
            case ['.', .. var command]:
                return AppendFormatting(builder, command);
            default:
                return false;
        }
    }

    private static bool AppendFormatting(StringBuilder builder, ReadOnlySpan<char> command)
    {
        if (command.StartsWith("br", StringComparison.Ordinal) || command.StartsWith("sp", StringComparison.Ordinal))
        {
            builder.Append('\n');
            return true;
        }

        // .fi .nf .in .ti .sk .ce: layout instructions with no text of their own.
        return command.Length >= 2 && command[..2] is "fi" or "nf" or "in" or "ti" or "sk" or "ce";
    }

    private static bool AppendHex(StringBuilder builder, ReadOnlySpan<char> hex)
    {
        if (hex.IsEmpty || hex.Length % 2 != 0)
        {
            return false;
        }

        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(hex.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        try
        {
            builder.Append(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            builder.Append(Encoding.Latin1.GetString(bytes));
        }

        return true;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
