namespace IntegrationHub.Runtime.Tests;

internal static class TestPaths
{
    private static readonly Lazy<string> SharedRoot = new(() =>
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUB_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "samples")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/ was not found beside the checkout; set HUB_SHARED_DIR.");
    });

    public static string Shared(params string[] parts) => Path.Combine([SharedRoot.Value, .. parts]);
}
