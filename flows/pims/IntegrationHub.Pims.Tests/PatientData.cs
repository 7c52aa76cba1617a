namespace IntegrationHub.Pims.Tests;

/// <summary>Errors travel into logs and dead-letter reasons: they must not quote what the message carries.</summary>
internal static class PatientData
{
    /// <summary>Fails when <paramref name="text"/> contains any non-trivial component value of PID, EVN or MSH-7.</summary>
    public static void AssertNotQuoted(Hl7Message message, string text)
    {
        foreach (var segment in message.Segments)
        {
            if (segment.Id is not ("PID" or "EVN" or "MSH" or "MRG"))
            {
                continue;
            }

            for (var field = segment.Id == "MSH" ? 7 : 1; field <= segment.FieldCount; field++)
            {
                if (segment.Id == "MSH" && field != 7)
                {
                    continue;
                }

                foreach (var piece in segment.GetField(field).Split('~', '^', '&', '+'))
                {
                    var value = piece.Trim();
                    if (value.Length >= 4)
                    {
                        Assert.DoesNotContain(value, text, StringComparison.Ordinal);
                    }
                }
            }
        }
    }
}
