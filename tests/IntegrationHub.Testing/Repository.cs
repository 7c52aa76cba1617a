namespace IntegrationHub.Testing;

/// <summary>The checkout the tests run from: the folder holding <c>IntegrationHub.sln</c> above the test binaries.</summary>
public static class Repository
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
