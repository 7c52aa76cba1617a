using IntegrationHub.AppHost.Publishing;

namespace IntegrationHub.AppHost.Tests.Publishing;

public sealed class PublishCommandTests
{
    [Fact]
    public void Publish_writes_the_azd_project_with_project_paths_relative_to_the_output()
    {
        var output = Path.Combine(PublishedHub.TempDirectory(), "nested", "azd");
        try
        {
            using var said = new StringWriter();
            Assert.Equal(0, PublishCommand.Run(["publish", "--output", output], said, TextWriter.Null));

            Assert.Contains("11 container apps, 9 queues", said.ToString(), StringComparison.Ordinal);
            foreach (var path in PublishedHub.Files.Keys)
            {
                Assert.True(File.Exists(Path.Combine(output, path)), path);
            }

            var yaml = File.ReadAllText(Path.Combine(output, "azure.yaml"));
            var project = System.Text.RegularExpressions.Regex.Match(yaml, @"project: (\S+)").Groups[1].Value;
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(output, project))), project);
            Assert.Equal(PublishedHub.Files["infra/hub.bicep"], File.ReadAllText(Path.Combine(output, "infra", "hub.bicep")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(output))!, recursive: true);
        }
    }

    [Fact]
    public void Publish_without_an_output_folder_is_refused_with_the_usage()
    {
        using var error = new StringWriter();
        Assert.Equal(2, PublishCommand.Run(["publish"], TextWriter.Null, error));
        Assert.Contains("--output DIR", error.ToString(), StringComparison.Ordinal);
        Assert.True(PublishCommand.Handles(["publish", "--output", "x"]));
        Assert.False(PublishCommand.Handles(["--flows", "phw"]));
    }

    [Theory]
    [InlineData(60, "PT1M")]
    [InlineData(3600, "PT1H")]
    [InlineData(90, "PT1M30S")]
    [InlineData(14 * 86400, "P14D")]
    [InlineData(86400 + 7200 + 5, "P1DT2H5S")]
    public void Durations_are_iso_8601(int seconds, string expected) =>
        Assert.Equal(expected, Iso8601.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_zero_or_fractional_duration_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Iso8601.Duration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Iso8601.Duration(TimeSpan.FromMilliseconds(1500)));
    }
}
