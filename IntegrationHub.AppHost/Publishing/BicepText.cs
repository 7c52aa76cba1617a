using System.Globalization;
using System.Text;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>Bicep literals: values from the model are always written as escaped strings, never as expressions.</summary>
internal static class BicepText
{
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\'' => "\\'",
                '\\' => "\\\\",
                '$' => "\\$",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return text.Append('\'').ToString();
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";
}
