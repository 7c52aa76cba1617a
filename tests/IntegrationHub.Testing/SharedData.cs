namespace IntegrationHub.Testing;

/// <summary>
/// Finds the shared test data (<c>shared/</c>: samples, flow schemas, acceptance inputs), which lives beside the
/// repository checkout rather than inside it; <c>$HUB_SHARED_DIR</c> overrides.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The <c>shared</c> directory.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path inside <c>shared</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Reads an HL7 file and turns LF or CRLF segment separators into CR, as the MLLP senders do.</summary>
    public static string ReadMessage(params string[] parts) => ToCr(File.ReadAllText(Path(parts)));

    public static string ToCr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUB_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "samples")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The shared test data (a 'shared' folder with 'samples') was not found beside the checkout; set HUB_SHARED_DIR.");
    }
}
