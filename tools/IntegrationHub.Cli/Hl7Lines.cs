namespace IntegrationHub.Cli;

/// <summary>
/// Shows HL7 text to a person: one segment per line. On the wire segments end in CR alone, which a terminal
/// turns into lines printed over each other.
/// </summary>
public static class Hl7Lines
{
    public static async Task WriteAsync(TextWriter writer, string hl7)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hl7);
        foreach (var segment in hl7.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            await writer.WriteLineAsync(segment).ConfigureAwait(false);
        }
    }
}
