using IntegrationHub.Hl7;

namespace IntegrationHub.Runtime.Sender;

/// <summary>The destination's answer, judged as spec §8.6 says: success only for an MSA-1 of AA or CA.</summary>
public sealed record AckVerdict(bool IsPositive, string? Code, string Description, string AckText);

public static class AckEvaluation
{
    public static AckVerdict Evaluate(ReadOnlySpan<byte> response)
    {
        var text = System.Text.Encoding.UTF8.GetString(response).Trim('\v', '\x1c', '\r', '\n');
        if (text.Length == 0)
        {
            return new AckVerdict(false, null, "Empty response: the receiver closed without an ACK", text);
        }

        if (!Hl7Message.TryParse(text, out var ack, out _) || ack is null)
        {
            return new AckVerdict(false, null, "Received a response that is not HL7", text);
        }

        if (ack.Segment("MSA") is null)
        {
            return new AckVerdict(false, null, "Received a non-ACK message", text);
        }

        var code = ack.Get("MSA-1").Trim();
        return code is "AA" or "CA"
            ? new AckVerdict(true, code, "Positive ACK", text)
            : new AckVerdict(false, code, $"Negative ACK received: {code} for: {ack.Get("MSH-10")}", text);
    }
}
