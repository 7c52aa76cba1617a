namespace IntegrationHub.Flows.Tests.Support;

/// <summary>
/// The shared test data (<c>shared/</c>: samples, acceptance inputs, spec) that sits beside the checkout. Found by
/// walking up from the test assembly; <c>HUB_SHARED_DIR</c> overrides the search.
/// </summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> LazyRoot = new(Locate);

    public static string Root => LazyRoot.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A message file as a source system sends it (<c>mllp_send --loose</c>, spec §21.1).</summary>
    public static string ReadMessage(params string[] parts) => AsSent(File.ReadAllText(PathOf(parts)));

    public static string Sample(string workflowId) => ReadMessage("samples", workflowId + ".sample.hl7");

    public static string AcceptanceInput(string flow, string name) => ReadMessage("acceptance-inputs", flow, name + ".in.hl7");

    /// <summary>
    /// LF and CRLF separators become CR and trailing whitespace of the whole message goes, as the reference's
    /// sending tool does; whitespace inside segments (the PIMS sample has some) is kept.
    /// </summary>
    public static string AsSent(string text) =>
        text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r').TrimEnd();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HUB_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"HUB_SHARED_DIR names '{configured}', which does not exist.");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "samples")) && Directory.Exists(Path.Combine(candidate, "acceptance-inputs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No 'shared' folder with samples and acceptance inputs above the test assembly; set HUB_SHARED_DIR.");
    }
}
