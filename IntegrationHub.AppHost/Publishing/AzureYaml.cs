using System.Text;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>
/// Writes <c>azure.yaml</c>: one azd service per container app, each built from its project with the .NET SDK's
/// container support (no Dockerfile) and deployed to the container app tagged with its name.
/// </summary>
internal static class AzureYaml
{
    public static string Render(DeploymentPlan plan, string outputDirectory, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append("""
            # The Integration Hub for the Azure Developer CLI: `azd up` provisions infra/ and deploys every service.
            # Written by `dotnet run --project IntegrationHub.AppHost -- publish`; publish again rather than editing.
            name: integration-hub
            infra:
              provider: bicep
              path: infra
              module: main
            services:

            """);
        foreach (var app in plan.Apps)
        {
            var project = Path.GetRelativePath(outputDirectory, Path.Combine(repositoryRoot, app.Project.RelativePath)).Replace('\\', '/');
            text.Append(FormattableString.Invariant($"  {app.Name}:\n"));
            text.Append(FormattableString.Invariant($"    project: {project}\n"));
            text.Append("    language: dotnet\n");
            text.Append("    host: containerapp\n");
        }

        return text.ToString();
    }
}
