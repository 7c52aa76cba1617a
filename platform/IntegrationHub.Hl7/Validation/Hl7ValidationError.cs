using System.Globalization;

namespace IntegrationHub.Hl7.Validation;

/// <summary>What a structural validation error is about.</summary>
public enum Hl7ValidationErrorKind
{
    /// <summary>The message's version has no definitions.</summary>
    UnsupportedVersion,

    /// <summary>The message structure is not defined for the version.</summary>
    UnknownStructure,

    /// <summary>A required segment or group is absent.</summary>
    MissingSegment,

    /// <summary>A segment of the structure appears where the structure does not allow it.</summary>
    SegmentOutOfOrder,

    /// <summary>A segment or group occurs more often than its maximum.</summary>
    TooManySegments,

    /// <summary>A segment the version defines, or a Z-segment when they are not allowed, that is not part of the structure.</summary>
    UnexpectedSegment,

    /// <summary>A segment id the version does not define (and that is not a Z-segment).</summary>
    UnknownSegment,

    /// <summary>A required field is empty or absent.</summary>
    MissingRequiredField,

    /// <summary>A field has more repetitions than allowed (a non-repeating field repeats).</summary>
    TooManyRepetitions,

    /// <summary>A field repetition is longer than the version's maximum length.</summary>
    FieldTooLong,
}

/// <summary>
/// One structural validation error. <see cref="Message"/> names segments, fields, counts and limits but never a
/// field value: the text may be logged or returned to the sender, and field values carry patient data.
/// </summary>
/// <param name="Kind">What the error is about.</param>
/// <param name="SegmentId">The segment concerned (for a missing group: its first segment that cannot be absent, e.g. PID).</param>
/// <param name="SegmentPosition">
/// The 1-based index of the segment in the message. For a missing segment or group: the position at which it was
/// expected, i.e. the index of the segment found in its place, or one past the last segment.
/// </param>
/// <param name="FieldNumber">The field number for field-level errors; null otherwise.</param>
/// <param name="Message">A readable description without field values.</param>
public sealed record Hl7ValidationError(Hl7ValidationErrorKind Kind, string SegmentId, int SegmentPosition, int? FieldNumber, string Message)
{
    public override string ToString() => FieldNumber is { } field
        ? string.Create(CultureInfo.InvariantCulture, $"{SegmentId}-{field} (segment {SegmentPosition}): {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"{SegmentId} (segment {SegmentPosition}): {Message}");
}
