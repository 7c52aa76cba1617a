namespace IntegrationHub.Hl7;

/// <summary>
/// The five ER7 delimiters a message declares in MSH-1 and MSH-2. Any legal set is accepted,
/// not only the customary <c>|^~\&amp;</c>.
/// </summary>
public readonly record struct Hl7Delimiters(char Field, char Component, char Repetition, char Escape, char SubComponent)
{
    /// <summary>The delimiters HL7 recommends and almost every sender uses: <c>|^~\&amp;</c>.</summary>
    public static Hl7Delimiters Default { get; } = new('|', '^', '~', '\\', '&');

    /// <summary>MSH-2 as it is written for these delimiters, e.g. <c>^~\&amp;</c>.</summary>
    public string EncodingCharacters => string.Create(4, this, static (span, d) =>
    {
        span[0] = d.Component;
        span[1] = d.Repetition;
        span[2] = d.Escape;
        span[3] = d.SubComponent;
    });

    /// <summary>True when <paramref name="c"/> is one of the five delimiters.</summary>
    public bool IsDelimiter(char c) =>
        c == Field || c == Component || c == Repetition || c == Escape || c == SubComponent;

    /// <summary>
    /// Reads the delimiters from the start of a message (<c>MSH|^~\&amp;|…</c>). MSH-2 may also carry a fifth
    /// character (the v2.7 truncation character), which is kept as part of MSH-2 and otherwise ignored.
    /// </summary>
    public static Hl7Delimiters FromHeader(ReadOnlySpan<char> message, out int encodingLength)
    {
        if (message.Length < 8 || !message.StartsWith("MSH", StringComparison.Ordinal))
        {
            throw new Hl7ParseException("A message must start with 'MSH' followed by the field separator and at least four encoding characters.", 0, 0);
        }

        var field = message[3];
        var end = 4;
        while (end < message.Length && message[end] != field && !IsSegmentBreak(message[end]))
        {
            end++;
        }

        encodingLength = end - 4;
        if (encodingLength is < 4 or > 5)
        {
            throw new Hl7ParseException($"MSH-2 must hold 4 encoding characters (5 with the truncation character); found {encodingLength}.", 4, 0);
        }

        var delimiters = new Hl7Delimiters(field, message[4], message[5], message[6], message[7]);
        Span<char> seen = [field, message[4], message[5], message[6], message[7]];
        for (var i = 0; i < seen.Length; i++)
        {
            var c = seen[i];
            if (char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new Hl7ParseException($"Delimiter U+{(int)c:X4} is not legal: delimiters must be printable, non-alphanumeric characters.", i == 0 ? 3 : 3 + i, 0);
            }

            if (seen[(i + 1)..].Contains(c))
            {
                throw new Hl7ParseException($"Delimiter '{c}' is declared twice in MSH-1/MSH-2.", 3 + i, 0);
            }
        }

        return delimiters;
    }

    internal static bool IsSegmentBreak(char c) => c is '\r' or '\n';
}
