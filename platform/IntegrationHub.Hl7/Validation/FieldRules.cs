using System.Globalization;
using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Validation;

/// <summary>
/// Field-level checks of one segment against its definition: required fields, repetitions and lengths. Components
/// are not checked. Messages carry numbers and limits only, never the text of a field.
/// </summary>
internal static class FieldRules
{
    public static void Check(
        Hl7Segment segment,
        int position,
        SegmentDefinition definition,
        string version,
        Hl7StructureValidationOptions options,
        ValidationErrorList errors)
    {
        var repetitionSeparator = segment.Delimiters.Repetition;
        foreach (var field in definition.Fields)
        {
            if (errors.IsFull)
            {
                return;
            }

            // MSH-1 and MSH-2 are the delimiters themselves: the parser has already validated them, and MSH-2
            // contains the repetition separator, so splitting it would be wrong.
            if (segment.IsHeader && field.Number <= 2)
            {
                continue;
            }

            var text = segment.Field(field.Number);
            if (text.IsEmpty)
            {
                if (field.Required && options.CheckRequiredFields)
                {
                    errors.Add(Hl7ValidationErrorKind.MissingRequiredField, segment.Id, position, field.Number,
                        Invariant($"Required field {segment.Id}-{field.Number} ({field.DataType}) is empty or absent."));
                }

                continue;
            }

            var repetitions = Er7Pieces.Count(text, repetitionSeparator);
            if (options.CheckRepetitions && field.MaxRepetitions is { } maxRepetitions && repetitions > maxRepetitions)
            {
                var allowed = maxRepetitions == 1 ? "it does not repeat" : Invariant($"at most {maxRepetitions} are allowed");
                errors.Add(Hl7ValidationErrorKind.TooManyRepetitions, segment.Id, position, field.Number,
                    Invariant($"Field {segment.Id}-{field.Number} has {repetitions} repetitions; {allowed}."));
            }

            if (options.CheckFieldLengths && field.MaxLength is { } maxLength)
            {
                CheckLength(segment, position, field, maxLength, text, repetitionSeparator, version, errors);
            }
        }
    }

    // The length is that of one repetition as received (escape sequences count as written), per the v2.5 rule that
    // the maximum length applies to each occurrence of a field. HL7 null ("") is the absence of a value, not two
    // characters. Only the first over-long repetition is reported.
    private static void CheckLength(
        Hl7Segment segment,
        int position,
        FieldDefinition field,
        int maxLength,
        ReadOnlySpan<char> text,
        char repetitionSeparator,
        string version,
        ValidationErrorList errors)
    {
        var repetition = 0;
        foreach (var range in text.Split(repetitionSeparator))
        {
            repetition++;
            var length = range.End.GetOffset(text.Length) - range.Start.GetOffset(text.Length);
            if (length > maxLength && !text[range].SequenceEqual("\"\""))
            {
                errors.Add(Hl7ValidationErrorKind.FieldTooLong, segment.Id, position, field.Number,
                    Invariant($"Field {segment.Id}-{field.Number} repetition {repetition} is {length} characters long; HL7 v{version} allows at most {maxLength}."));
                return;
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
