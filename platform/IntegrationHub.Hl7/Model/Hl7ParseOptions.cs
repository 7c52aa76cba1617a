namespace IntegrationHub.Hl7;

/// <summary>How strictly ER7 text is split into segments.</summary>
public sealed record Hl7ParseOptions
{
    /// <summary>CR, LF and CRLF all separate segments (files, editors, most tools).</summary>
    public static Hl7ParseOptions Default { get; } = new();

    /// <summary>
    /// Only CR separates segments, as HL7 defines it; a CRLF counts as one separator, while a lone LF is data of
    /// the segment it sits in. This is what an MLLP receiver of the existing system saw, so a message whose
    /// segments are separated by LF alone is read as one long MSH and fails the checks that follow.
    /// </summary>
    public static Hl7ParseOptions CarriageReturnOnly { get; } = new() { LineFeedSeparatesSegments = false };

    public bool LineFeedSeparatesSegments { get; init; } = true;
}
