using System.Globalization;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw;

/// <summary>
/// MSH (spec §5.1): MSH-3…6 and MSH-8…21 copied verbatim with every repetition, MSH-7 converted to the MPI's
/// format. The output header starts as the existing system's new message does — MSH-7 = now, MSH-12 = 2.5 — and
/// a field the input leaves empty keeps that start value (so an empty MSH-12 goes out as 2.5).
/// </summary>
internal static class PhwHeaderMapper
{
    private const int FirstCopied = 3;
    private const int LastCopied = 21;
    private const int DateTimeField = 7;
    private const int VersionField = 12;
    private const string DefaultVersion = "2.5";

    // Parsed once: Set with a path string would parse it on every message.
    private static readonly Hl7Path[] FieldPaths = CreatePaths();

    public static void Map(Hl7Segment header, Hl7Delimiters from, Hl7Message output, DateTime now, PhwAudit audit)
    {
        for (var number = FirstCopied; number <= LastCopied; number++)
        {
            if (number == DateTimeField)
            {
                output.Set(FieldPaths[number], MessageDateTime(header.Field(number), from, now, audit));
                continue;
            }

            var field = header.Field(number);
            if (!field.IsEmpty)
            {
                output.Set(FieldPaths[number], Er7Text.Field(field, from));
            }
            else if (number == VersionField)
            {
                output.Set(FieldPaths[number], DefaultVersion);
            }
        }
    }

    /// <summary>The MPI's MSH-7: the converted MSH-7.1 (MSH-7.2, the precision, is dropped), or now when MSH-7.1 is empty.</summary>
    private static string MessageDateTime(ReadOnlySpan<char> field, Hl7Delimiters from, DateTime now, PhwAudit audit)
    {
        var value = Er7Pieces.Piece(Er7Pieces.Piece(field, from.Repetition, 1), from.Component, 1);
        if (value.IsEmpty)
        {
            return now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        }

        // The value is a timestamp, not patient data, but the message still leaves it out like every value.
        var converted = PhwMessageDateTime.Normalize(value)
            ?? throw new Hl7TransformException(
                "MSH-7 (message date/time) is neither yyyyMMddHHmmss nor yyyy-MM-dd HH:mm:ss, or is not a real date and time.");
        audit.DateTime(value, converted);
        return converted;
    }

    private static Hl7Path[] CreatePaths()
    {
        var paths = new Hl7Path[LastCopied + 1];
        for (var number = FirstCopied; number <= LastCopied; number++)
        {
            paths[number] = new Hl7Path("MSH", 1, number, 0, 0, 0);
        }

        return paths;
    }
}
