using System.Text;
using IntegrationHub.Hl7;

namespace IntegrationHub.Phw;

/// <summary>
/// PID (spec §5.3): PID-1…28 and PID-30…39 verbatim with every repetition; PID-29 (date of death) reduced to its
/// trimmed first component, with PHW's <c>RESURREC</c> marker turned into the HL7 null <c>""</c> so the MPI clears
/// a date of death recorded in error. Fields after PID-39 are not part of the MPI profile and are dropped.
/// </summary>
internal static class PhwPatientMapper
{
    private const int LastField = 39;
    private const int DateOfDeathField = 29;
    private const string ResurrectedMarker = "RESURREC";

    [ThreadStatic]
    private static StringBuilder? _builder;

    public static string Map(Hl7Segment pid, Hl7Delimiters from, PhwAudit audit)
    {
        var builder = _builder ??= new StringBuilder(512);
        builder.Clear().Append("PID");
        var last = Math.Min(pid.FieldCount, LastField);
        for (var number = 1; number <= last; number++)
        {
            builder.Append(Er7Text.Output.Field);
            if (number == DateOfDeathField)
            {
                builder.Append(DateOfDeath(pid.Field(number), from, audit));
            }
            else
            {
                Er7Text.AppendField(builder, pid.Field(number), from);
            }
        }

        // Trailing empty fields carry nothing; the normalised output drops them anyway.
        while (builder.Length > 3 && builder[^1] == Er7Text.Output.Field)
        {
            builder.Length--;
        }

        var text = builder.ToString();
        if (builder.Capacity > 16 * 1024)
        {
            // Do not keep an unusually large buffer alive on the thread.
            _builder = null;
        }

        return text;
    }

    private static string DateOfDeath(ReadOnlySpan<char> field, Hl7Delimiters from, PhwAudit audit)
    {
        var original = Er7Pieces.Piece(Er7Pieces.Piece(field, from.Repetition, 1), from.Component, 1);
        var trimmed = original.Trim();
        if (trimmed.IsEmpty)
        {
            return string.Empty;
        }

        var converted = trimmed.Equals(ResurrectedMarker, StringComparison.OrdinalIgnoreCase)
            ? Hl7Null.Value
            : Er7Text.Field(trimmed, from);
        audit.DateOfDeath(original, converted);
        return converted;
    }
}
