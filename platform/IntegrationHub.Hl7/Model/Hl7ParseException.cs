namespace IntegrationHub.Hl7;

/// <summary>
/// The only exception the parser throws for malformed input. <see cref="Position"/> is the character offset in
/// the input where the problem was found and <see cref="SegmentIndex"/> the 0-based segment it belongs to.
/// The message text never contains message content, so it is safe to log.
/// </summary>
public sealed class Hl7ParseException : FormatException
{
    public Hl7ParseException(string reason, int position, int segmentIndex)
        : base($"{reason} (segment {segmentIndex + 1}, offset {position})")
    {
        Reason = reason;
        Position = position;
        SegmentIndex = segmentIndex;
    }

    public Hl7ParseException()
    {
        Reason = string.Empty;
    }

    public Hl7ParseException(string message)
        : base(message)
    {
        Reason = message;
    }

    public Hl7ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>Why the input was rejected, without position details.</summary>
    public string Reason { get; }

    /// <summary>Character offset in the input.</summary>
    public int Position { get; }

    /// <summary>0-based index of the segment in which the problem was found.</summary>
    public int SegmentIndex { get; }
}
