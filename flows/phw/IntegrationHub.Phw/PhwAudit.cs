using System.Text;

namespace IntegrationHub.Phw;

/// <summary>
/// The MESSAGE_PROCESSED validation_result of a PHW transform (spec §5.5): the date/time changes made, or the
/// default text naming the sending application when there were none. The date of death is a patient's value, so
/// <see cref="RedactedText"/> masks it for events logged with redaction on (the spec's text quotes it verbatim).
/// </summary>
internal sealed class PhwAudit
{
    private const string Prefix = "HL7 transformations applied: ";
    private const string Separator = "; ";
    private const string Masked = "***";

    private string? _dateTime;
    private List<(string Original, string Converted)>? _datesOfDeath;

    /// <summary>Recorded whenever MSH-7.1 was non-empty, even when the value passed unchanged.</summary>
    public void DateTime(ReadOnlySpan<char> original, string converted) =>
        _dateTime = string.Concat("DateTime transformed from ", original, " to ", converted);

    /// <summary>Recorded for each PID with a non-blank PID-29.1; the original is shown untrimmed.</summary>
    public void DateOfDeath(ReadOnlySpan<char> original, string converted) =>
        (_datesOfDeath ??= new(1)).Add((original.ToString(), converted));

    public string Text(ReadOnlySpan<char> sendingApp) => Compose(sendingApp, static value => value);

    /// <summary>
    /// The text with every date of death masked as §11.3 masks fields (a value becomes <c>***</c>; empty and the
    /// HL7 null <c>""</c> carry nothing and stay); null when there is no date of death to mask.
    /// </summary>
    public string? RedactedText(ReadOnlySpan<char> sendingApp) =>
        _datesOfDeath is null ? null : Compose(sendingApp, static value => value.Length == 0 || value == "\"\"" ? value : Masked);

    private string Compose(ReadOnlySpan<char> sendingApp, Func<string, string> dateOfDeath)
    {
        if (_dateTime is null && _datesOfDeath is null)
        {
            return string.Concat("PHW transformation applied for SENDING_APP: ", sendingApp.IsEmpty ? "UNKNOWN" : sendingApp);
        }

        var builder = new StringBuilder(Prefix);
        if (_dateTime is not null)
        {
            builder.Append(_dateTime);
        }

        foreach (var (original, converted) in _datesOfDeath ?? [])
        {
            if (builder.Length > Prefix.Length)
            {
                builder.Append(Separator);
            }

            builder.Append("Date of death transformed from ").Append(dateOfDeath(original)).Append(" to ").Append(dateOfDeath(converted));
        }

        return builder.ToString();
    }
}
