using System.Text;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// Masks patient data in message content before it is logged (spec §11.3, exactly): MSH keeps its routing fields
/// (MSH-2..7 and 9..12), every other non-empty field of every segment becomes <c>***</c>; content that is not an
/// HL7 message is masked whole. The message store and the bus keep the full payload; only logs are redacted.
/// </summary>
public static class MessageRedactor
{
    public const string Mask = "***";

    public static string Redact(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return content ?? string.Empty;
        }

        var segments = content.Replace('\n', '\r').Split('\r', StringSplitOptions.RemoveEmptyEntries);
        var first = segments[0];
        if (first.Length < 4 || !first.StartsWith("MSH", StringComparison.Ordinal))
        {
            return Mask;
        }

        var separator = first[3];
        var output = new StringBuilder(content.Length);
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                output.Append('\r');
            }

            AppendSegment(output, segments[i], separator);
        }

        return output.ToString();
    }

    private static void AppendSegment(StringBuilder output, string segment, char separator)
    {
        var isHeader = segment.StartsWith("MSH", StringComparison.Ordinal);
        var index = 0;
        foreach (var range in segment.AsSpan().Split(separator))
        {
            if (index > 0)
            {
                output.Append(separator);
            }

            var value = segment.AsSpan()[range];
            if (index == 0 || value.IsEmpty || (isHeader && KeepsHeaderField(index)))
            {
                output.Append(value);
            }
            else
            {
                output.Append(Mask);
            }

            index++;
        }
    }

    /// <summary>
    /// Split pieces of MSH are numbered one lower than HL7 numbers the fields (piece 1 is MSH-2), so pieces
    /// 1–6 are MSH-2..7 and pieces 8–11 are MSH-9..12.
    /// </summary>
    private static bool KeepsHeaderField(int piece) => piece is (>= 1 and <= 6) or (>= 8 and <= 11);
}
