using System.Text;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>
/// Says, independently of the server's code, which frames spec §2.2–2.5 requires to be rejected (closed without an
/// ACK). It is deliberately conservative: a frame it cannot judge with certainty (e.g. framing bytes inside the
/// payload, damaged encoding characters) gets no verdict, and the server may accept or reject it — but then what it
/// accepted must be on the queue.
/// </summary>
public sealed class RejectionOracle(int maxFrameBytes, string version, IReadOnlyCollection<string> sendingApps)
{
    /// <summary>The nine MSH-9 texts of spec §2.3.</summary>
    private static readonly HashSet<string> RoutedTypes = new(StringComparer.Ordinal)
    {
        "ADT^A31^ADT_A05", "ADT^A28^ADT_A05", "ADT^A40^ADT_A39", "ADT^A31", "ADT^A28", "ADT^A40",
        "ADT^A04^ADT_A01", "ADT^A08^ADT_A01", "ADT^A40^ADT_A40",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Why the spec requires the frame to be rejected, or null when it does not say so for certain.</summary>
    public string? MustReject(byte[] frame)
    {
        if (frame.Length == 0 || frame[0] != 0x0B)
        {
            return "does not start with VT";
        }

        if (frame.Length > maxFrameBytes)
        {
            return "frame larger than MAX_MESSAGE_SIZE_BYTES";
        }

        if (frame.Length < 3 || frame[^2] != 0x1C || frame[^1] != 0x0D)
        {
            return "not terminated by FS CR";
        }

        var payload = frame.AsSpan(1, frame.Length - 3);
        if (payload.IndexOfAny((byte)0x0B, (byte)0x1C) >= 0)
        {
            return null;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return "not UTF-8";
        }

        return MustRejectText(text);
    }

    private string? MustRejectText(string text)
    {
        if (text.Length == 0 || text[0] == '\r' || text.Contains("\r\r", StringComparison.Ordinal))
        {
            return "empty segment";
        }

        if (text.Length < 4 || !text.StartsWith("MSH", StringComparison.Ordinal) || text[3] == '\r')
        {
            return "does not start with MSH and a field separator";
        }

        var headerEnd = text.IndexOf('\r', StringComparison.Ordinal);
        var fields = (headerEnd < 0 ? text : text[..headerEnd]).Split(text[3]);
        string Field(int n) => fields.Length > n - 1 ? fields[n - 1] : string.Empty;
        if (!RoutedTypes.Contains(Field(9).Trim()))
        {
            return "MSH-9 not in the routing table";
        }

        if (!string.Equals(Field(12), version, StringComparison.Ordinal))
        {
            return "MSH-12 is not HL7_VERSION";
        }

        // The sending application's first repetition depends on MSH-2; only judge it when MSH-2 is the standard one.
        if (text[3] == '|' && text.AsSpan(4).StartsWith("^~\\&|") && !sendingApps.Contains(Field(3).Split('~')[0]))
        {
            return "MSH-3 not in SENDING_APP";
        }

        return null;
    }
}
