namespace IntegrationHub.Hl7;

/// <summary>
/// Splits ER7 text into segments. Segment separators may be CR, LF or CRLF (mixed, even); runs of separators
/// (empty segments, a doubled trailing separator) are kept verbatim as the terminator of the preceding segment
/// so that encoding reproduces the input exactly.
/// </summary>
internal static class Hl7Er7Parser
{
    public static Hl7Message Parse(string text, Hl7ParseOptions options)
    {
        var lineFeedSeparates = options.LineFeedSeparatesSegments;
        var delimiters = Hl7Delimiters.FromHeader(text, out _);
        var segments = new List<Hl7Segment>(16);
        var terminators = new List<string>(16);
        var hasEmptySegments = false;
        var position = 0;
        var memory = text.AsMemory();
        var span = text.AsSpan();

        while (position < span.Length)
        {
            var rest = span[position..];
            var length = lineFeedSeparates ? rest.IndexOfAny('\r', '\n') : rest.IndexOf('\r');
            if (length < 0)
            {
                length = rest.Length;
            }

            var segmentIndex = segments.Count;
            ValidateSegmentId(rest[..length], delimiters.Field, position, segmentIndex);
            segments.Add(new Hl7Segment(memory.Slice(position, length), delimiters));

            var terminatorStart = position + length;
            var terminatorEnd = terminatorStart;
            var breaks = 0;
            while (terminatorEnd < span.Length && (lineFeedSeparates ? Hl7Delimiters.IsSegmentBreak(span[terminatorEnd]) : span[terminatorEnd] == '\r'))
            {
                // CRLF counts as one separator.
                if (span[terminatorEnd] == '\r' && terminatorEnd + 1 < span.Length && span[terminatorEnd + 1] == '\n')
                {
                    terminatorEnd++;
                }

                terminatorEnd++;
                breaks++;
            }

            if (breaks > 1 && terminatorEnd < span.Length)
            {
                hasEmptySegments = true;
            }

            terminators.Add(TerminatorText(span[terminatorStart..terminatorEnd]));
            position = terminatorEnd;
        }

        return Hl7Message.FromParsed(text, delimiters, segments, terminators, hasEmptySegments, options);
    }

    /// <summary>A segment id is three characters: an upper-case letter, then upper-case letters or digits.</summary>
    public static void ValidateSegmentId(ReadOnlySpan<char> segment, char fieldSeparator, int position, int segmentIndex)
    {
        if (segment.Length < 3 || !IsUpper(segment[0]) || !IsUpperOrDigit(segment[1]) || !IsUpperOrDigit(segment[2]))
        {
            throw new Hl7ParseException("A segment must start with a three-character id (A-Z, then A-Z or 0-9).", position, segmentIndex);
        }

        if (segment.Length > 3 && segment[3] != fieldSeparator)
        {
            throw new Hl7ParseException("The segment id must be followed by the field separator.", position + 3, segmentIndex);
        }
    }

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsUpperOrDigit(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static string TerminatorText(ReadOnlySpan<char> terminator) => terminator switch
    {
        [] => string.Empty,
        ['\r'] => "\r",
        ['\n'] => "\n",
        ['\r', '\n'] => "\r\n",
        _ => terminator.ToString(),
    };
}
