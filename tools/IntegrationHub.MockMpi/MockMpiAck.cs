using IntegrationHub.Hl7;

namespace IntegrationHub.MockMpi;

/// <summary>The acknowledgments of spec §17.1.</summary>
public static class MockMpiAck
{
    /// <summary>What the reference answers when no ACK can be built from the message (e.g. it does not parse).</summary>
    public const string FallbackNack = "MSH|^~\\&|||||||NACK||P|2.5|||AL\rMSA|AE|UNKNOWN|Error processing message\r";

    /// <summary>§17.1: <c>AE</c> when the text <c>fail</c> occurs anywhere in the message (case-insensitive), else <c>AA</c>.</summary>
    public static Hl7AckCode ContentVerdict(string message) =>
        message.Contains("fail", StringComparison.OrdinalIgnoreCase) ? Hl7AckCode.AE : Hl7AckCode.AA;

    /// <summary>
    /// The ACK text: the hub server's layout (spec §2.8) with MSH-11 always <c>P</c>; <see cref="FallbackNack"/> when the
    /// message could not be parsed or the ACK cannot be built.
    /// </summary>
    public static string Build(Hl7Message? message, Hl7AckCode code, DateTime? now = null)
    {
        if (message is null)
        {
            return FallbackNack;
        }

        try
        {
            return WithProductionProcessingId(Hl7AckBuilder.Build(message, code, now));
        }
        catch (Exception ex) when (ex is Hl7ParseException or ArgumentException or InvalidOperationException or FormatException)
        {
            return FallbackNack;
        }
    }

    /// <summary>Parses the message, or null when it is not HL7 the library can read.</summary>
    public static Hl7Message? TryParse(string text) =>
        text.StartsWith("MSH", StringComparison.Ordinal) && Hl7Message.TryParse(text, out var message, out _) ? message : null;

    // The ACK builder echoes the inbound MSH-11; the mock always says P. The ACK uses the standard delimiters, so
    // MSH-11 sits between the 10th and 11th '|' of its first segment.
    private static string WithProductionProcessingId(string ack)
    {
        var segmentEnd = ack.IndexOf('\r', StringComparison.Ordinal);
        if (segmentEnd < 0)
        {
            segmentEnd = ack.Length;
        }

        var start = -1;
        var position = -1;
        for (var bar = 0; bar < 11; bar++)
        {
            position = ack.IndexOf('|', position + 1);
            if (position < 0 || position > segmentEnd)
            {
                return ack;
            }

            if (bar == 9)
            {
                start = position + 1;
            }
        }

        return string.Concat(ack.AsSpan(0, start), "P", ack.AsSpan(position));
    }
}
