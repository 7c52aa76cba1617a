namespace IntegrationHub.Runtime.Server;

/// <summary>
/// The message types every server accepts (spec §2.3): MSH-9 as text, trimmed, must be one of these nine strings
/// exactly. Anything else is refused before any other processing.
/// </summary>
public static class MessageRouting
{
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ADT^A31^ADT_A05",
        "ADT^A28^ADT_A05",
        "ADT^A40^ADT_A39",
        "ADT^A31",
        "ADT^A28",
        "ADT^A40",
        "ADT^A04^ADT_A01",
        "ADT^A08^ADT_A01",
        "ADT^A40^ADT_A40",
    };

    /// <summary>MSH-9 as the router sees it: the raw text of the field, trimmed.</summary>
    public static string MessageTypeText(string payload, out bool isHl7)
    {
        ArgumentNullException.ThrowIfNull(payload);
        isHl7 = payload.Length >= 4 && payload.StartsWith("MSH", StringComparison.Ordinal);
        return isHl7 ? HeaderField(payload, 9) : string.Empty;
    }

    /// <summary>
    /// The raw text of MSH-<paramref name="field"/> (≥ 3), trimmed, read straight from the payload before any
    /// parsing, so even a message that later fails to parse can be named in events by its control id.
    /// </summary>
    public static string HeaderField(string payload, int field)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length < 4 || !payload.StartsWith("MSH", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var separator = payload[3];
        var firstSegment = payload.AsSpan();
        var end = firstSegment.IndexOf('\r');
        if (end >= 0)
        {
            firstSegment = firstSegment[..end];
        }

        // MSH-n is piece n-1 when the segment is split on the field separator (MSH-1 is the separator itself).
        var piece = 0;
        foreach (var range in firstSegment.Split(separator))
        {
            if (piece++ == field - 1)
            {
                return firstSegment[range].Trim().ToString();
            }
        }

        return string.Empty;
    }

    public static bool IsSupported(string messageType) => SupportedTypes.Contains(messageType);
}
