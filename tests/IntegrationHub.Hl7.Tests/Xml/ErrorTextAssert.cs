namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>Asserts an error text holds none of a message's values (they may be patient data).</summary>
internal static class ErrorTextAssert
{
    public static void HoldsNoValueOf(Hl7Message message, string error)
    {
        foreach (var value in Values(message))
        {
            Assert.False(error.Contains(value, StringComparison.Ordinal), $"The error text '{error}' holds the value '{value}'.");
        }
    }

    /// <summary>
    /// Every leaf value of the message's patient-level segments that is long enough not to collide with the schema
    /// names an error may cite (segment and type ids such as 'PID', 'NK1').
    /// </summary>
    private static IEnumerable<string> Values(Hl7Message message)
    {
        var d = message.Delimiters;
        foreach (var segment in message.Segments)
        {
            if (segment.Id == "MSH")
            {
                continue;
            }

            for (var n = 1; n <= segment.FieldCount; n++)
            {
                foreach (var piece in segment.GetField(n).Split(d.Repetition, d.Component, d.SubComponent))
                {
                    var value = piece.Trim();
                    if (value.Length >= 4 && !value.StartsWith("ADT_", StringComparison.Ordinal))
                    {
                        yield return value;
                    }
                }
            }
        }
    }
}
