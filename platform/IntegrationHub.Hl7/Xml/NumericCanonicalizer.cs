using System.Globalization;
using System.Text;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// QUIRK (spec §3.3): the reference's HL7 library turns SI values into integers and NM values into decimals
/// before writing the XML, so <c>007</c> is stored as <c>7</c>. This reproduces the text those numbers print as
/// (Python <c>str(int(v))</c> and <c>str(Decimal(v))</c>); anything that is not a plain number stays as it is,
/// as the library falls back to the raw text then.
/// </summary>
internal static class NumericCanonicalizer
{
    /// <param name="text">The value.</param>
    /// <param name="asInteger">True for SI (Python <c>int</c>), false for NM (Python <c>Decimal</c>).</param>
    public static string Canonical(string text, bool asInteger)
    {
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return text;
        }

        var negative = false;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var point = span.IndexOf('.');
        if (asInteger && point >= 0)
        {
            return text;
        }

        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : span[(point + 1)..];
        if ((whole.IsEmpty && fraction.IsEmpty) || !AllDigits(whole) || !AllDigits(fraction))
        {
            return text;
        }

        // Decimal keeps the fraction's digits ("1.50" stays "1.50"); only the integer part loses its leading zeros.
        var digits = string.Concat(whole, fraction).TrimStart('0');
        var coefficient = digits.Length == 0 ? "0" : digits;
        var exponent = -fraction.Length;
        var adjusted = exponent + coefficient.Length - 1;

        var builder = new StringBuilder(text.Length + 4);
        // int("-0") is 0, but Decimal("-0") keeps its sign.
        if (negative && !(asInteger && digits.Length == 0))
        {
            builder.Append('-');
        }

        if (exponent == 0)
        {
            builder.Append(coefficient);
        }
        else if (adjusted >= -6)
        {
            var fractionDigits = -exponent;
            if (coefficient.Length > fractionDigits)
            {
                builder.Append(coefficient, 0, coefficient.Length - fractionDigits).Append('.').Append(coefficient, coefficient.Length - fractionDigits, fractionDigits);
            }
            else
            {
                builder.Append("0.").Append('0', fractionDigits - coefficient.Length).Append(coefficient);
            }
        }
        else
        {
            // Python prints very small decimals in scientific notation: Decimal("0.0000001") → 1E-7.
            builder.Append(coefficient[0]);
            if (coefficient.Length > 1)
            {
                builder.Append('.').Append(coefficient, 1, coefficient.Length - 1);
            }

            builder.Append('E').Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
