using System.Diagnostics;
using System.Text.Json;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>
/// azd builds each service with the .NET SDK's container support (no Dockerfile); console projects only offer the
/// PublishContainer target when EnableSdkContainerSupport is on. Asks MSBuild how each published project evaluates.
/// </summary>
public sealed class ContainerImageTests
{
    [Fact]
    public async Task Every_published_service_project_can_be_built_into_a_container_image_by_the_sdk()
    {
        foreach (var app in PublishedHub.Plan.Apps)
        {
            var project = Path.Combine(PublishedHub.RepositoryRoot, app.Project.RelativePath);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "msbuild", project, "-getProperty:EnableSdkContainerSupport", "-getProperty:IsPublishable" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            _ = await process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"{app.Name}: {output}");
            var properties = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
            Assert.Equal("true", properties.GetProperty("EnableSdkContainerSupport").GetString());
            Assert.Equal("true", properties.GetProperty("IsPublishable").GetString());
        }
    }
}
