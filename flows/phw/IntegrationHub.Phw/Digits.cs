namespace IntegrationHub.Phw;

/// <summary>Small span helpers for the fixed-width numeric dates the PHW rules read.</summary>
internal static class Digits
{
    public static bool All(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }

    /// <summary>The value of a run of ASCII digits the caller has already checked.</summary>
    public static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>True for a date on the proleptic Gregorian calendar from year 1 (year 0 does not exist).</summary>
    public static bool IsDate(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    public static bool IsTime(int hour, int minute, int second) => hour <= 23 && minute <= 59 && second <= 59;
}
