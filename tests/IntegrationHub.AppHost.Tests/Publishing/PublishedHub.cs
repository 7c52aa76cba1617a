using System.Runtime.CompilerServices;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Publishing;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>The azd project `publish` writes for the whole hub, rendered as if into &lt;repo&gt;/azd.</summary>
internal static class PublishedHub
{
    public static string RepositoryRoot { get; } = PublishCommand.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("IntegrationHub.sln not found above the test assembly.");

    public static HubModel Model { get; } = HubTopology.Describe(new AppHostOptions());

    public static DeploymentPlan Plan { get; } = DeploymentPlan.From(Model);

    public static IReadOnlyDictionary<string, string> Files { get; } = AzdProject.Render(Model, Path.Combine(RepositoryRoot, "azd"), RepositoryRoot);

    /// <summary>The committed copies of <see cref="Files"/>, next to this source file.</summary>
    public static string GoldenDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hub-publish-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
