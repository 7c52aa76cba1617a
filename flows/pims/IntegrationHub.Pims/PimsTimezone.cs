using System.Globalization;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims;

/// <summary>
/// PIMS sends timestamps with a UTC offset (<c>20250819115447+0000</c>, <c>20000101+</c>) that the MPI does not
/// accept (spec §7.1). The offset is cut at the first <c>+</c>; what is left must be a bare date or date-time,
/// otherwise the message is refused rather than passed on with a date the MPI would misread. A minus offset is
/// deliberately not stripped: the existing system refuses it, and so do we.
/// </summary>
public static class PimsTimezone
{
    /// <summary>
    /// Removes the timezone from <paramref name="text"/> (component 1 of a TS field). Blank input gives an empty
    /// <paramref name="value"/> and true. Returns false when the text before the first <c>+</c>, trimmed, is not
    /// 8 or 14 ASCII digits.
    /// </summary>
    public static bool TryRemove(ReadOnlySpan<char> text, out ReadOnlySpan<char> value)
    {
        value = ReadOnlySpan<char>.Empty;
        if (text.IsWhiteSpace())
        {
            return true;
        }

        var plus = text.IndexOf('+');
        var candidate = (plus < 0 ? text : text[..plus]).Trim();
        if (candidate.Length is not (8 or 14) || candidate.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = candidate;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryRemove"/>, throwing <see cref="Hl7TransformException"/> for a value it refuses. The
    /// error names <paramref name="field"/> and the offending length but never the value: dates of birth and
    /// death are patient data, and the error travels into logs and dead-letter reasons.
    /// </summary>
    public static ReadOnlySpan<char> Remove(ReadOnlySpan<char> text, string field)
    {
        if (TryRemove(text, out var value))
        {
            return value;
        }

        throw new Hl7TransformException(InvalidFormatMessage(text, field));
    }

    internal static string InvalidFormatMessage(ReadOnlySpan<char> text, string field)
    {
        var plus = text.IndexOf('+');
        var length = (plus < 0 ? text : text[..plus]).Trim().Length;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Invalid datetime format after timezone removal in {field}: {length} characters. Expected format: YYYYMMDD (8 digits) or YYYYMMDDHHMMSS (14 digits)");
    }
}
