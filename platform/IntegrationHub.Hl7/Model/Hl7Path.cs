using System.Globalization;

namespace IntegrationHub.Hl7;

/// <summary>
/// A location in a message, in the notation of the spec: <c>PID</c>, <c>NK1[2]</c>, <c>PID-3</c>,
/// <c>PID-3(2)</c>, <c>PID-3.4</c>, <c>PID-3(2).4.1</c>, <c>NK1[2]-3</c>. Occurrences and repetitions are
/// 1-based. <c>PID.3</c> is accepted as a synonym of <c>PID-3</c>. A path without a repetition index and
/// without a component addresses the whole field (every repetition); with a component it addresses the first
/// repetition.
/// </summary>
public readonly record struct Hl7Path(string SegmentId, int Occurrence, int Field, int Repetition, int Component, int SubComponent)
{
    /// <summary>True when the path names a segment only.</summary>
    public bool IsSegment => Field == 0;

    /// <summary>True when the path names a whole field with all its repetitions.</summary>
    public bool IsWholeField => Field > 0 && Repetition == 0 && Component == 0;

    public static Hl7Path Parse(string path)
    {
        if (TryParse(path, out var parsed, out var error))
        {
            return parsed;
        }

        throw new ArgumentException($"'{path}' is not an HL7 path: {error}", nameof(path));
    }

    public static bool TryParse(string? path, out Hl7Path parsed, out string error)
    {
        parsed = default;
        var s = (path ?? string.Empty).AsSpan().Trim();
        if (s.Length < 3 || !IsIdChar(s[0], first: true) || !IsIdChar(s[1], false) || !IsIdChar(s[2], false))
        {
            error = "it must start with a three-character segment id such as PID.";
            return false;
        }

        var id = s[..3].ToString();
        var rest = s[3..];
        var occurrence = 1;
        if (!TryBracketed(ref rest, '[', ']', ref occurrence, out error))
        {
            return false;
        }

        if (rest.IsEmpty)
        {
            parsed = new Hl7Path(id, occurrence, 0, 0, 0, 0);
            return true;
        }

        if (rest[0] is not ('-' or '.'))
        {
            error = "the segment must be followed by '-' and a field number.";
            return false;
        }

        rest = rest[1..];
        if (!TryNumber(ref rest, out var field))
        {
            error = "the field number is missing or not a positive number.";
            return false;
        }

        var repetition = 0;
        if (!TryBracketed(ref rest, '(', ')', ref repetition, out error))
        {
            return false;
        }

        var component = 0;
        var subComponent = 0;
        if (!TryDotted(ref rest, ref component, out error) || !TryDotted(ref rest, ref subComponent, out error))
        {
            return false;
        }

        if (!rest.IsEmpty)
        {
            error = $"unexpected '{rest.ToString()}' at the end.";
            return false;
        }

        parsed = new Hl7Path(id, occurrence, field, repetition, component, subComponent);
        return true;
    }

    public override string ToString()
    {
        var text = SegmentId;
        if (Occurrence != 1)
        {
            text += $"[{Occurrence.ToString(CultureInfo.InvariantCulture)}]";
        }

        if (Field == 0)
        {
            return text;
        }

        text += "-" + Field.ToString(CultureInfo.InvariantCulture);
        if (Repetition > 0)
        {
            text += $"({Repetition.ToString(CultureInfo.InvariantCulture)})";
        }

        if (Component > 0)
        {
            text += "." + Component.ToString(CultureInfo.InvariantCulture);
        }

        if (SubComponent > 0)
        {
            text += "." + SubComponent.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static bool IsIdChar(char c, bool first) => c is >= 'A' and <= 'Z' || (!first && c is >= '0' and <= '9');

    private static bool TryBracketed(ref ReadOnlySpan<char> rest, char open, char close, ref int value, out string error)
    {
        error = string.Empty;
        if (rest.IsEmpty || rest[0] != open)
        {
            return true;
        }

        rest = rest[1..];
        if (!TryNumber(ref rest, out value) || rest.IsEmpty || rest[0] != close)
        {
            error = $"'{open}' must be followed by a positive number and '{close}'.";
            return false;
        }

        rest = rest[1..];
        return true;
    }

    private static bool TryDotted(ref ReadOnlySpan<char> rest, ref int value, out string error)
    {
        error = string.Empty;
        if (rest.IsEmpty || rest[0] != '.')
        {
            return true;
        }

        rest = rest[1..];
        if (!TryNumber(ref rest, out value))
        {
            error = "'.' must be followed by a positive component number.";
            return false;
        }

        return true;
    }

    private static bool TryNumber(ref ReadOnlySpan<char> rest, out int value)
    {
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 6 || !int.TryParse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out value) || value == 0)
        {
            value = 0;
            return false;
        }

        rest = rest[digits..];
        return true;
    }
}
