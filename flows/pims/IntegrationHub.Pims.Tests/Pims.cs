using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims.Tests;

/// <summary>Runs the transformer the way the transformer host does: parse, transform, serialise (spec §4.3).</summary>
internal static class Pims
{
    /// <summary>The fixed "now" every test passes; formatted it is <c>20260102030405</c>.</summary>
    public static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

    private static readonly PimsTransformer Transformer = new();

    /// <summary>Transforms ER7 text whose segments may be separated by CR, LF or CRLF; returns segments joined by CR.</summary>
    public static string Transform(string er7) => TransformResult(er7).Output.EncodeNormalized();

    public static TransformResult TransformResult(string er7) => Transformer.Transform(Hl7Message.Parse(SharedData.ToCr(er7)), Now);

    /// <summary>Segments written one per line, as CR-separated ER7.</summary>
    public static string Lines(params string[] segments) => string.Join('\r', segments);

    public static Hl7TransformException Fails(string er7) => Assert.Throws<Hl7TransformException>(() => Transform(er7));
}
