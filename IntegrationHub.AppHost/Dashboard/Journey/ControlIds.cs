namespace IntegrationHub.AppHost.Dashboard.Journey;

/// <summary>Reads MSH-10 (the control id) from an ER7 message without parsing the rest of it.</summary>
public static class ControlIds
{
    public static string? Of(string? message)
    {
        if (message is null || message.Length < 8 || !message.StartsWith("MSH", StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.AsSpan().IndexOfAny('\r', '\n');
        var header = end < 0 ? message.AsSpan() : message.AsSpan(0, end);
        var separator = header[3];

        // Split piece 0 is "MSH" and piece n is MSH-(n+1), so MSH-10 is piece 9.
        var piece = 0;
        foreach (var range in header.Split(separator))
        {
            if (piece++ == 9)
            {
                var value = header[range].Trim();
                return value.IsEmpty ? null : value.ToString();
            }
        }

        return null;
    }
}
