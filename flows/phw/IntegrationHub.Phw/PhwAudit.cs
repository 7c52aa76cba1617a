using System.Text;

namespace IntegrationHub.Phw;

/// <summary>
/// The MESSAGE_PROCESSED validation_result of a PHW transform (spec §5.5): the date/time changes made, or the
/// default text naming the sending application when there were none.
/// </summary>
internal sealed class PhwAudit
{
    private const string Prefix = "HL7 transformations applied: ";
    private const string Separator = "; ";

    private string? _dateTime;
    private List<string>? _dateOfDeath;

    /// <summary>Recorded whenever MSH-7.1 was non-empty, even when the value passed unchanged.</summary>
    public void DateTime(ReadOnlySpan<char> original, string converted) =>
        _dateTime = string.Concat("DateTime transformed from ", original, " to ", converted);

    /// <summary>Recorded for each PID with a non-blank PID-29.1; the original is shown untrimmed.</summary>
    public void DateOfDeath(ReadOnlySpan<char> original, string converted) =>
        (_dateOfDeath ??= new List<string>(1)).Add(string.Concat("Date of death transformed from ", original, " to ", converted));

    public string Text(ReadOnlySpan<char> sendingApp)
    {
        if (_dateTime is null && _dateOfDeath is null)
        {
            return string.Concat("PHW transformation applied for SENDING_APP: ", sendingApp.IsEmpty ? "UNKNOWN" : sendingApp);
        }

        if (_dateOfDeath is null)
        {
            return Prefix + _dateTime;
        }

        var builder = new StringBuilder(Prefix);
        if (_dateTime is not null)
        {
            builder.Append(_dateTime);
        }

        foreach (var entry in _dateOfDeath)
        {
            if (builder.Length > Prefix.Length)
            {
                builder.Append(Separator);
            }

            builder.Append(entry);
        }

        return builder.ToString();
    }
}
