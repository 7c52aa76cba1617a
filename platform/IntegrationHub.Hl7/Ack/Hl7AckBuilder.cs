using System.Globalization;
using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// Builds acknowledgments. The accept ACK is exactly the one of spec §2.8 / Appendix A: MSH and MSA only,
/// sender and receiver swapped (first repetition of MSH-3..6 copied as text, never re-parsed, so odd values can
/// never make ACK construction fail), MSH-9 <c>ACK^&lt;trigger&gt;^ACK</c>, MSH-10 and MSH-12 echoed, MSH-11 echoed
/// or <c>P</c>. Negative codes add an ERR segment.
/// </summary>
public static class Hl7AckBuilder
{
    /// <summary>
    /// The ACK payload: <c>MSH…\rMSA|code|control-id\r</c> (plus <c>ERR…\r</c> for errors), ready to be framed.
    /// The ACK always uses the standard delimiters; values from a message with other delimiters are translated.
    /// </summary>
    public static string Build(Hl7Message inbound, Hl7AckCode code = Hl7AckCode.AA, DateTime? now = null, Hl7AckError? error = null)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var from = inbound.Delimiters;
        var to = Hl7Delimiters.Default;
        string Field(string path) => Hl7DelimiterTranslation.Translate(inbound.GetSpan(Hl7Path.Parse(path)), from, to);

        var controlId = Field("MSH-10");
        var processingId = Field("MSH-11(1)");
        var version = Field("MSH-12");
        var timestamp = (now ?? DateTime.Now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

        var builder = new StringBuilder(128);
        builder.Append("MSH|^~\\&|")
            .Append(Field("MSH-5(1)")).Append('|')
            .Append(Field("MSH-6(1)")).Append('|')
            .Append(Field("MSH-3(1)")).Append('|')
            .Append(Field("MSH-4(1)")).Append('|')
            .Append(timestamp).Append("||ACK^")
            .Append(Field("MSH-9(1).2")).Append("^ACK|")
            .Append(controlId).Append('|')
            .Append(processingId.Length > 0 ? processingId : "P").Append('|')
            .Append(version).Append('\r');

        builder.Append("MSA|").Append(code.ToString()).Append('|').Append(controlId);
        var isNegative = code is not (Hl7AckCode.AA or Hl7AckCode.CA);
        var legacyErr = IsBefore25(version);
        if (isNegative && error is not null && legacyErr)
        {
            // Before v2.5 the error text travelled in MSA-3.
            builder.Append('|').Append(Hl7Escaping.Encode(error.Text, to));
        }

        builder.Append('\r');
        if (isNegative && error is not null)
        {
            AppendErr(builder, error, legacyErr, to);
        }

        return builder.ToString();
    }

    /// <summary>The ACK wrapped in MLLP framing (VT … FS CR), UTF-8.</summary>
    public static byte[] BuildFramed(Hl7Message inbound, Hl7AckCode code = Hl7AckCode.AA, DateTime? now = null, Hl7AckError? error = null)
    {
        var payload = Build(inbound, code, now, error);
        var bytes = new byte[Encoding.UTF8.GetByteCount(payload) + 3];
        bytes[0] = 0x0B;
        Encoding.UTF8.GetBytes(payload, bytes.AsSpan(1));
        bytes[^2] = 0x1C;
        bytes[^1] = 0x0D;
        return bytes;
    }

    private static void AppendErr(StringBuilder builder, Hl7AckError error, bool legacy, Hl7Delimiters d)
    {
        var code = error.Code.ToString(CultureInfo.InvariantCulture);
        var codeText = Hl7Escaping.Encode(Describe(error.Code), d);
        var text = Hl7Escaping.Encode(error.Text, d);
        if (legacy)
        {
            // v2.3.1/v2.4: ERR-1 is ELD (segment^sequence^field^code&text&table).
            var location = Er7Pieces.Piece(error.Location, d.Component, 1).ToString();
            var sequence = Er7Pieces.Piece(error.Location, d.Component, 2).ToString();
            var field = Er7Pieces.Piece(error.Location, d.Component, 3).ToString();
            builder.Append("ERR|").Append(location).Append('^').Append(sequence).Append('^').Append(field).Append('^')
                .Append(code).Append('&').Append(codeText).Append("&HL70357\r");
            return;
        }

        // v2.5+: ERR-2 location, ERR-3 code (CWE), ERR-4 severity, ERR-8 user message.
        builder.Append("ERR||").Append(error.Location).Append('|')
            .Append(code).Append('^').Append(codeText).Append("^HL70357|E||||").Append(text).Append('\r');
    }

    private static bool IsBefore25(string version) =>
        version.StartsWith("2.1", StringComparison.Ordinal) || version.StartsWith("2.2", StringComparison.Ordinal)
        || version.StartsWith("2.3", StringComparison.Ordinal) || version.StartsWith("2.4", StringComparison.Ordinal);

    private static string Describe(int code) => code switch
    {
        0 => "Message accepted",
        100 => "Segment sequence error",
        101 => "Required field missing",
        102 => "Data type error",
        103 => "Table value not found",
        104 => "Value too long",
        200 => "Unsupported message type",
        201 => "Unsupported event code",
        202 => "Unsupported processing id",
        203 => "Unsupported version id",
        204 => "Unknown key identifier",
        205 => "Duplicate key identifier",
        206 => "Application record locked",
        _ => "Application internal error",
    };
}
