using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Chemo.Tests;

/// <summary>
/// Test inputs: the golden files beside the test assembly, and the shared data (<c>shared/</c>: samples, flow
/// schemas, acceptance inputs), which lives beside the checkout rather than inside it.
/// </summary>
internal static class TestData
{
    /// <summary>The transformer clock every test uses, so "now" in an output is predictable.</summary>
    public static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

    private static readonly Lazy<string> LazySharedRoot = new(FindSharedRoot);

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    /// <summary>The <c>shared</c> directory.</summary>
    public static string SharedRoot => LazySharedRoot.Value;

    /// <summary>A path inside <c>shared</c>.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedRoot, .. parts]);

    /// <summary>Reads an HL7 file and turns LF or CRLF separators into CR, as the MLLP senders do.</summary>
    public static string ReadMessage(string path) => ToCr(File.ReadAllText(path));

    public static string ToCr(string text) => text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');

    /// <summary>Parses ER7 written with LF or CR separators, without the trailing separator.</summary>
    public static Hl7Message Parse(string er7) => Hl7Message.Parse(ToCr(er7).TrimEnd('\r'));

    /// <summary>Transforms ER7 text and returns the normalised output (segments joined by CR).</summary>
    public static string Transform(string er7) => Run(er7).Output.EncodeNormalized();

    public static TransformResult Run(string er7) => new ChemoTransformer().Transform(Parse(er7), Now);

    /// <summary>The output segment <paramref name="id"/> (first occurrence) as ER7, or null.</summary>
    public static string? OutputSegment(string er7, string id, int occurrence = 1)
    {
        var seen = 0;
        foreach (var segment in Transform(er7).Split('\r'))
        {
            if (segment.StartsWith(id, StringComparison.Ordinal) && ++seen == occurrence)
            {
                return segment;
            }
        }

        return null;
    }

    private static string FindSharedRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUB_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "acceptance-inputs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The shared test data (a 'shared' folder with 'acceptance-inputs') was not found beside the checkout; set HUB_SHARED_DIR.");
    }
}
