namespace IntegrationHub.Phw.Tests;

/// <summary>
/// Where the tests' input files are: the golden files copied beside the test assembly, and the shared data
/// (<c>shared/</c>: acceptance inputs, samples, flow XSDs) that sits next to the checkout, or where
/// <c>HUB_SHARED_DIR</c> says.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> LazyShared = new(LocateShared);

    public static string GoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static string Shared => LazyShared.Value;

    public static string SharedPath(params string[] parts) => Path.Combine([Shared, .. parts]);

    /// <summary>File text with LF and CRLF segment separators turned into CR, as MLLP senders send it.</summary>
    public static string ReadHl7(string path) => ToCarriageReturns(File.ReadAllText(path));

    public static string ToCarriageReturns(string text) =>
        text.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');

    private static string LocateShared()
    {
        var configured = Environment.GetEnvironmentVariable("HUB_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"HUB_SHARED_DIR names '{configured}', which does not exist.");
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "acceptance-inputs")))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        throw new DirectoryNotFoundException("No 'shared' folder with acceptance inputs above the test assembly; set HUB_SHARED_DIR.");
    }
}
