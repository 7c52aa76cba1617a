namespace IntegrationHub.Cli.Tests;

/// <summary>Finds <c>shared/</c> (samples and flow schemas) beside the checkout, or at $HUB_SHARED_DIR.</summary>
internal static class SharedPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
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

        throw new DirectoryNotFoundException("shared/ was not found beside the checkout; set HUB_SHARED_DIR.");
    });

    public static string Path(params string[] parts) => System.IO.Path.Combine([LazyRoot.Value, .. parts]);
}
