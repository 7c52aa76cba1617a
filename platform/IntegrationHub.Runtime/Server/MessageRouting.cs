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

    /// <summary>MSH-9 as the router sees it: the raw text between the 8th and 9th field separators, trimmed.</summary>
    public static string MessageTypeText(string payload, out bool isHl7)
    {
        ArgumentNullException.ThrowIfNull(payload);
        isHl7 = payload.Length >= 4 && payload.StartsWith("MSH", StringComparison.Ordinal);
        if (!isHl7)
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

        // MSH-9 is the ninth piece when the segment is split on the field separator (MSH-1 is the separator itself).
        var piece = 0;
        foreach (var range in firstSegment.Split(separator))
        {
            if (piece++ == 8)
            {
                return firstSegment[range].Trim().ToString();
            }
        }

        return string.Empty;
    }

    public static bool IsSupported(string messageType) => SupportedTypes.Contains(messageType);
}
