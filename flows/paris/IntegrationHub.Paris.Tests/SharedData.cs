namespace IntegrationHub.Paris.Tests;

/// <summary>Finds the shared test data (<c>shared/</c> beside the checkout, or $HUB_SHARED_DIR).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Reads an HL7 file with its LF or CRLF separators turned into CR, as the MLLP senders send it.</summary>
    public static string ReadMessage(params string[] parts) => ToCr(File.ReadAllText(Path(parts)));

    public static string ToCr(string text) => text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');

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
            if (Directory.Exists(System.IO.Path.Combine(candidate, "acceptance-inputs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/ was not found beside the checkout; set HUB_SHARED_DIR.");
    }
}
