using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Validation;

/// <summary>
/// Standard structural validation of a parsed message against the HL7 definitions of a version (spec §3.6):
/// segment order, groups and cardinality, unexpected and unknown segments, required fields, repetitions of
/// non-repeating fields and, when asked for, field lengths. Data types, components and table values are not
/// checked. Error texts never contain field values.
/// </summary>
/// <remarks>
/// <para>
/// The caller supplies the structure id (from MSH-9.3 or structure detection). Whether the segment sequence fits
/// the structure is decided exactly, ambiguous structures included (<see cref="StructureAcceptor"/>); only when
/// it does not, a greedy one-segment-at-a-time matcher (<see cref="StructureMatcher"/>) names what is wrong:
/// missing required segments or groups at the position they were expected, and each segment it cannot place as out
/// of order, too many, not part of the structure, or unknown to the version. Z-segments are accepted anywhere by
/// default (<see cref="Hl7StructureValidationOptions.AllowZSegments"/>).
/// </para>
/// <para>
/// Field checks apply to every segment the version defines, including segments reported as misplaced; Z-segments
/// and unknown segments have no field checks.
/// </para>
/// </remarks>
public static class Hl7StructureValidator
{
    /// <summary>Validates <paramref name="message"/> as structure <paramref name="structureId"/> of its own version (MSH-12.1).</summary>
    public static IReadOnlyList<Hl7ValidationError> Validate(Hl7Message message, string structureId, Hl7StructureValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var version = Er7Pieces.Piece(message.Header.Field(12), message.Delimiters.Component, 1).ToString();
        if (!Hl7Definitions.TryFor(version, out var definition))
        {
            // The version is a code, not patient data, but it is still kept out of the text like every value.
            return
            [
                new Hl7ValidationError(Hl7ValidationErrorKind.UnsupportedVersion, "MSH", 1, 12,
                    $"The message's HL7 version (MSH-12) has no definitions. Supported versions: {string.Join(", ", Hl7Definitions.SupportedVersions)}."),
            ];
        }

        return Validate(message, definition, structureId, options);
    }

    /// <summary>Validates <paramref name="message"/> as structure <paramref name="structureId"/> of HL7 <paramref name="version"/>.</summary>
    /// <exception cref="ArgumentException">The version has no definitions.</exception>
    public static IReadOnlyList<Hl7ValidationError> Validate(Hl7Message message, string version, string structureId, Hl7StructureValidationOptions? options = null) =>
        Validate(message, Hl7Definitions.For(version), structureId, options);

    /// <summary>Validates <paramref name="message"/> as structure <paramref name="structureId"/> of <paramref name="definition"/>.</summary>
    public static IReadOnlyList<Hl7ValidationError> Validate(Hl7Message message, Hl7VersionDefinition definition, string structureId, Hl7StructureValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(structureId);
        options ??= Hl7StructureValidationOptions.Default;

        return Validate(message, definition, definition.MessageStructure(structureId), options);
    }

    /// <summary>
    /// Validates <paramref name="message"/> against a structure given in code (a flow's own variant of a standard
    /// structure), with the field definitions of <paramref name="definition"/>.
    /// </summary>
    public static IReadOnlyList<Hl7ValidationError> Validate(Hl7Message message, Hl7VersionDefinition definition, MessageStructureDefinition? structure, Hl7StructureValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= Hl7StructureValidationOptions.Default;
        var errors = new ValidationErrorList(Math.Max(options.MaxErrors, 1));
        if (structure is null)
        {
            // Field checks still run: they do not depend on the structure.
            errors.Add(Hl7ValidationErrorKind.UnknownStructure, "MSH", 1, 9,
                $"The message structure is not defined in HL7 v{definition.Version}.");
        }
        else if (!StructureAcceptor.Accepts(structure, SignificantIds(message.Segments, options)))
        {
            // Only a rejected message is explained by the greedy matcher, which can misjudge the few ambiguous
            // structures; a message the exact acceptor takes is valid whatever the greedy reading would say.
            new StructureMatcher(message.Segments, structure, definition, options, errors).Match();
        }

        CheckFields(message, definition, options, errors);
        return Sorted(errors.Errors);
    }

    private static string[] SignificantIds(IReadOnlyList<Hl7Segment> segments, Hl7StructureValidationOptions options)
    {
        var ids = new List<string>(segments.Count);
        foreach (var segment in segments)
        {
            if (!(options.AllowZSegments && StructureMatcher.IsZSegment(segment.Id)))
            {
                ids.Add(segment.Id);
            }
        }

        return [.. ids];
    }

    private static void CheckFields(Hl7Message message, Hl7VersionDefinition definition, Hl7StructureValidationOptions options, ValidationErrorList errors)
    {
        var segments = message.Segments;
        for (var i = 0; i < segments.Count && !errors.IsFull; i++)
        {
            var segmentDefinition = definition.Segment(segments[i].Id);
            if (segmentDefinition is not null)
            {
                FieldRules.Check(segments[i], i + 1, segmentDefinition, definition.Version, options, errors);
            }
        }
    }

    // Errors in message order: structure errors before field errors at the same position (OrderBy is stable).
    private static Hl7ValidationError[] Sorted(IReadOnlyList<Hl7ValidationError> errors) =>
        [.. errors.OrderBy(e => e.SegmentPosition).ThenBy(e => e.FieldNumber ?? 0)];
}
