using IntegrationHub.Hl7;

namespace IntegrationHub.Cli;

/// <summary>Reads a message file; LF and CRLF between segments become CR, as MLLP senders send them.</summary>
public static class MessageFile
{
    public static string ReadText(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"Cannot read '{path}': {ex.Message}");
        }
    }

    public static Hl7Message Read(string path)
    {
        var text = ReadText(path);
        try
        {
            return Hl7Message.Parse(text);
        }
        catch (Hl7ParseException ex)
        {
            throw new InputException($"'{path}' is not an HL7 v2 message: {ex.Message}");
        }
    }
}
