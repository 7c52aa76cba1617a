using System.Globalization;

namespace IntegrationHub.Hl7;

/// <summary>How much of an HL7 date/time was given; HL7 lets senders stop at any unit.</summary>
public enum Hl7DateTimePrecision
{
    Year = 4,
    Month = 6,
    Day = 8,
    Hour = 10,
    Minute = 12,
    Second = 14,
    TenthOfSecond = 16,
    HundredthOfSecond = 17,
    Millisecond = 18,
    TenThousandthOfSecond = 19,
}

/// <summary>
/// An HL7 DTM / TS value: <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>. The precision and the offset (when
/// given) are kept so the value formats back exactly as it was written. A TS's second component (degree of
/// precision, deprecated) is ignored when parsing a whole field.
/// </summary>
public readonly record struct Hl7DateTime(DateTime Value, Hl7DateTimePrecision Precision, TimeSpan? Offset)
{
    public static Hl7DateTime Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var value) ? value : throw new FormatException("Not an HL7 date/time (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]).");

    public static bool TryParse(ReadOnlySpan<char> text, out Hl7DateTime value)
    {
        value = default;
        var caret = text.IndexOf('^');
        if (caret >= 0)
        {
            text = text[..caret];
        }

        if (!Hl7TimeParts.TrySplitOffset(ref text, out var offset))
        {
            return false;
        }

        var fraction = text.IndexOf('.');
        var main = fraction < 0 ? text : text[..fraction];
        if (main.Length is not (4 or 6 or 8 or 10 or 12 or 14) || !Hl7TimeParts.AllDigits(main))
        {
            return false;
        }

        var year = Hl7TimeParts.Number(main, 0, 4);
        var month = main.Length >= 6 ? Hl7TimeParts.Number(main, 4, 2) : 1;
        var day = main.Length >= 8 ? Hl7TimeParts.Number(main, 6, 2) : 1;
        var hour = main.Length >= 10 ? Hl7TimeParts.Number(main, 8, 2) : 0;
        var minute = main.Length >= 12 ? Hl7TimeParts.Number(main, 10, 2) : 0;
        var second = main.Length >= 14 ? Hl7TimeParts.Number(main, 12, 2) : 0;
        var precision = (Hl7DateTimePrecision)main.Length;
        long ticks = 0;
        if (fraction >= 0)
        {
            if (main.Length != 14 || !Hl7TimeParts.TryFraction(text[(fraction + 1)..], out ticks, out var digits))
            {
                return false;
            }

            precision = (Hl7DateTimePrecision)(15 + digits);
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new Hl7DateTime(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks), precision, offset);
        return true;
    }

    /// <summary>The value written back at its own precision, with its offset when it had one.</summary>
    public string Format() => Format(Precision);

    /// <summary>The value written at <paramref name="precision"/> (which may differ from the parsed one).</summary>
    public string Format(Hl7DateTimePrecision precision)
    {
        var pattern = precision switch
        {
            Hl7DateTimePrecision.Year => "yyyy",
            Hl7DateTimePrecision.Month => "yyyyMM",
            Hl7DateTimePrecision.Day => "yyyyMMdd",
            Hl7DateTimePrecision.Hour => "yyyyMMddHH",
            Hl7DateTimePrecision.Minute => "yyyyMMddHHmm",
            Hl7DateTimePrecision.Second => "yyyyMMddHHmmss",
            Hl7DateTimePrecision.TenthOfSecond => "yyyyMMddHHmmss.f",
            Hl7DateTimePrecision.HundredthOfSecond => "yyyyMMddHHmmss.ff",
            Hl7DateTimePrecision.Millisecond => "yyyyMMddHHmmss.fff",
            _ => "yyyyMMddHHmmss.ffff",
        };
        return Value.ToString(pattern, CultureInfo.InvariantCulture) + Hl7TimeParts.FormatOffset(Offset);
    }

    /// <summary>The instant, when the value carries an offset.</summary>
    public DateTimeOffset? ToDateTimeOffset() => Offset is { } offset ? new DateTimeOffset(Value, offset) : null;

    public override string ToString() => Format();
}

/// <summary>An HL7 DT value: <c>YYYY[MM[DD]]</c>.</summary>
public readonly record struct Hl7Date(DateOnly Value, Hl7DateTimePrecision Precision)
{
    public static bool TryParse(ReadOnlySpan<char> text, out Hl7Date value)
    {
        value = default;
        if (text.Length is not (4 or 6 or 8) || !Hl7DateTime.TryParse(text, out var parsed))
        {
            return false;
        }

        value = new Hl7Date(DateOnly.FromDateTime(parsed.Value), parsed.Precision);
        return true;
    }

    public string Format() => Value.ToString(Precision switch
    {
        Hl7DateTimePrecision.Year => "yyyy",
        Hl7DateTimePrecision.Month => "yyyyMM",
        _ => "yyyyMMdd",
    }, CultureInfo.InvariantCulture);

    public override string ToString() => Format();
}

/// <summary>An HL7 TM value: <c>HH[MM[SS[.S[S[S[S]]]]]][+/-ZZZZ]</c>.</summary>
public readonly record struct Hl7Time(TimeOnly Value, Hl7DateTimePrecision Precision, TimeSpan? Offset)
{
    public static bool TryParse(ReadOnlySpan<char> text, out Hl7Time value)
    {
        value = default;
        var offsetText = text;
        if (!Hl7TimeParts.TrySplitOffset(ref offsetText, out var offset))
        {
            return false;
        }

        var fraction = offsetText.IndexOf('.');
        var main = fraction < 0 ? offsetText : offsetText[..fraction];
        if (main.Length is not (2 or 4 or 6) || !Hl7TimeParts.AllDigits(main))
        {
            return false;
        }

        // Reuse the date/time rules on a fixed date so the checks stay in one place.
        return TryFromDateTime(string.Concat("20000101", offsetText), offset, out value);
    }

    public string Format()
    {
        var full = new Hl7DateTime(new DateTime(DateOnly.MinValue, Value, DateTimeKind.Unspecified), Precision, Offset).Format();
        return full[8..];
    }

    public override string ToString() => Format();

    private static bool TryFromDateTime(string text, TimeSpan? offset, out Hl7Time value)
    {
        value = default;
        if (!Hl7DateTime.TryParse(text, out var parsed))
        {
            return false;
        }

        value = new Hl7Time(TimeOnly.FromDateTime(parsed.Value), parsed.Precision, offset);
        return true;
    }
}

internal static class Hl7TimeParts
{
    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static int Number(ReadOnlySpan<char> text, int start, int length) =>
        int.Parse(text.Slice(start, length), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Removes a trailing <c>+ZZZZ</c>/<c>-ZZZZ</c>; false when one is present but malformed.</summary>
    public static bool TrySplitOffset(ref ReadOnlySpan<char> text, out TimeSpan? offset)
    {
        offset = null;
        var sign = text.IndexOfAny('+', '-');
        if (sign < 0)
        {
            return true;
        }

        var zone = text[(sign + 1)..];
        if (zone.Length != 4 || !AllDigits(zone))
        {
            return false;
        }

        var hours = Number(zone, 0, 2);
        var minutes = Number(zone, 2, 2);
        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        var span = new TimeSpan(hours, minutes, 0);
        offset = text[sign] == '-' ? -span : span;
        text = text[..sign];
        return true;
    }

    public static bool TryFraction(ReadOnlySpan<char> digits, out long ticks, out int count)
    {
        ticks = 0;
        count = digits.Length;
        if (count is < 1 or > 4 || !AllDigits(digits))
        {
            return false;
        }

        var value = Number(digits, 0, count);
        for (var i = count; i < 7; i++)
        {
            value *= 10;
        }

        ticks = value;
        return true;
    }

    public static string FormatOffset(TimeSpan? offset)
    {
        if (offset is not { } o)
        {
            return string.Empty;
        }

        var sign = o < TimeSpan.Zero ? '-' : '+';
        var abs = o.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs.Hours:00}{abs.Minutes:00}");
    }
}
