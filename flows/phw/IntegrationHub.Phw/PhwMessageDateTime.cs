namespace IntegrationHub.Phw;

/// <summary>
/// MSH-7 as PHW writes it and the MPI wants it (spec §5.1): PHW sends <c>yyyy-MM-dd HH:mm:ss</c> (the existing
/// system also takes single-digit parts, e.g. <c>2025-5-5 1:2:3</c>); the MPI takes <c>yyyyMMddHHmmss</c>, which
/// passes unchanged. Anything else — other separators, a <c>T</c>, a date alone, an offset, fractions, surrounding
/// spaces or an impossible date — is refused.
/// </summary>
/// <remarks>
/// The reference's compact check also lets 12- and 13-digit values through (QUIRK). Only the exact 14-digit form
/// is accepted here, as the spec recommends: a 13-digit value is not a valid HL7 date/time and the MPI should not
/// receive it.
/// </remarks>
internal static class PhwMessageDateTime
{
    private const int CompactLength = 14;

    /// <summary>The value in <c>yyyyMMddHHmmss</c> form, or null when it is in neither accepted format.</summary>
    public static string? Normalize(ReadOnlySpan<char> text)
    {
        if (text.Length == CompactLength && Digits.All(text))
        {
            var valid = Digits.IsDate(Digits.Number(text[..4]), Digits.Number(text.Slice(4, 2)), Digits.Number(text.Slice(6, 2)))
                && Digits.IsTime(Digits.Number(text.Slice(8, 2)), Digits.Number(text.Slice(10, 2)), Digits.Number(text.Slice(12, 2)));
            return valid ? text.ToString() : null;
        }

        return TryReadDashed(text, out var parts) ? Format(parts) : null;
    }

    // yyyy-M[M]-d[d] H[H]:m[m]:s[s], nothing before or after.
    private static bool TryReadDashed(ReadOnlySpan<char> text, out DateParts parts)
    {
        parts = default;
        var position = 0;
        if (!TryNumber(text, ref position, 4, 4, out var year) || !TrySeparator(text, ref position, '-')
            || !TryNumber(text, ref position, 1, 2, out var month) || !TrySeparator(text, ref position, '-')
            || !TryNumber(text, ref position, 1, 2, out var day) || !TrySeparator(text, ref position, ' ')
            || !TryNumber(text, ref position, 1, 2, out var hour) || !TrySeparator(text, ref position, ':')
            || !TryNumber(text, ref position, 1, 2, out var minute) || !TrySeparator(text, ref position, ':')
            || !TryNumber(text, ref position, 1, 2, out var second) || position != text.Length)
        {
            return false;
        }

        parts = new DateParts(year, month, day, hour, minute, second);
        return Digits.IsDate(year, month, day) && Digits.IsTime(hour, minute, second);
    }

    private static bool TryNumber(ReadOnlySpan<char> text, ref int position, int minDigits, int maxDigits, out int value)
    {
        var start = position;
        while (position < text.Length && position - start < maxDigits && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        value = Digits.Number(text[start..position]);
        return position - start >= minDigits;
    }

    private static bool TrySeparator(ReadOnlySpan<char> text, ref int position, char separator)
    {
        if (position < text.Length && text[position] == separator)
        {
            position++;
            return true;
        }

        return false;
    }

    private static string Format(DateParts parts) => string.Create(CompactLength, parts, static (span, p) =>
    {
        Write(span[..4], p.Year);
        Write(span.Slice(4, 2), p.Month);
        Write(span.Slice(6, 2), p.Day);
        Write(span.Slice(8, 2), p.Hour);
        Write(span.Slice(10, 2), p.Minute);
        Write(span.Slice(12, 2), p.Second);
    });

    private static void Write(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private readonly record struct DateParts(int Year, int Month, int Day, int Hour, int Minute, int Second);
}
