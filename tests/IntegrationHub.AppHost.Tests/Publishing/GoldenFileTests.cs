namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>
/// The generated azd project, file by file, against the committed copies in Publishing/Golden. After an intended change
/// to the model or the templates, re-bless with <c>HUB_BLESS=1 dotnet test tests/IntegrationHub.AppHost.Tests
/// --filter FullyQualifiedName~GoldenFileTests</c> and review the diff.
/// </summary>
public sealed class GoldenFileTests
{
    private static readonly bool Bless = Environment.GetEnvironmentVariable("HUB_BLESS") == "1";

    public static TheoryData<string> GeneratedFiles() => new(PublishedHub.Files.Keys);

    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public void Each_generated_file_matches_its_golden_copy(string path)
    {
        var golden = Path.Combine(PublishedHub.GoldenDirectory(), path);
        var actual = PublishedHub.Files[path];
        if (Bless)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"No golden copy of {path}; run with HUB_BLESS=1 to create it.");
        Assert.Equal(File.ReadAllText(golden).Replace("\r\n", "\n", StringComparison.Ordinal), actual);
    }

    [Fact]
    public void Every_golden_file_is_still_generated()
    {
        var root = PublishedHub.GoldenDirectory();
        var committed = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(PublishedHub.Files.Keys.Order(StringComparer.Ordinal), committed);
    }

    [Fact]
    public void Rendering_twice_gives_the_same_files()
    {
        var again = IntegrationHub.AppHost.Publishing.AzdProject.Render(PublishedHub.Model, Path.Combine(PublishedHub.RepositoryRoot, "azd"), PublishedHub.RepositoryRoot);
        Assert.Equal(PublishedHub.Files, again);
    }
}
