using System.Globalization;
using System.Text;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>ISO 8601 durations as Service Bus entity properties take them (PT1M, PT1H, P14D).</summary>
public static class Iso8601
{
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value.Milliseconds != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A queue duration must be a positive whole number of seconds.");
        }

        var text = new StringBuilder("P");
        if (value.Days > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Days}D");
        }

        if (value.Hours + value.Minutes + value.Seconds > 0)
        {
            text.Append('T');
            Part(text, value.Hours, 'H');
            Part(text, value.Minutes, 'M');
            Part(text, value.Seconds, 'S');
        }

        return text.ToString();
    }

    private static void Part(StringBuilder text, int amount, char unit)
    {
        if (amount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{amount}{unit}");
        }
    }
}
