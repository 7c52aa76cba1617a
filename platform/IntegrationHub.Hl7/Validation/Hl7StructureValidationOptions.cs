namespace IntegrationHub.Hl7.Validation;

/// <summary>What <see cref="Hl7StructureValidator"/> checks beyond segment order and cardinality.</summary>
public sealed record Hl7StructureValidationOptions
{
    /// <summary>The defaults: Z-segments allowed, required fields and repetitions checked, lengths not checked.</summary>
    public static Hl7StructureValidationOptions Default { get; } = new();

    /// <summary>
    /// When true (default) a Z-segment is accepted wherever it appears and belongs to the position matched so far;
    /// when false it is reported as a segment that is not part of the structure.
    /// </summary>
    public bool AllowZSegments { get; init; } = true;

    /// <summary>Report required fields that are empty or absent (default true). HL7 null (<c>""</c>) counts as valued.</summary>
    public bool CheckRequiredFields { get; init; } = true;

    /// <summary>Report fields with more repetitions than the version allows (default true).</summary>
    public bool CheckRepetitions { get; init; } = true;

    /// <summary>
    /// Report field repetitions longer than the version's maximum length (default false). Off by default because
    /// real traffic exceeds the tables' lengths while being accepted everywhere: the shared PHW, Mosaiq and Paris
    /// samples carry 21–24 character control ids against v2.5's MSH-10 maximum of 20, v2.3.1 gives MSH-9 a length of
    /// 7 that cannot hold the structure component 2.3.1 itself introduced, and the reference system's standard
    /// validation (spec §3.6) passes those samples. Switch it on for senders that conform to the lengths.
    /// </summary>
    public bool CheckFieldLengths { get; init; }

    /// <summary>Stop after this many errors (default 100), so garbage input cannot produce an unbounded list.</summary>
    public int MaxErrors { get; init; } = 100;
}
