using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>
/// <c>dotnet run --project IntegrationHub.AppHost -- publish --output DIR</c>: writes the azd project (azure.yaml and
/// infra/ Bicep) for the whole hub, from the same model a local run uses.
/// </summary>
public static class PublishCommand
{
    public const string Verb = "publish";

    public const string Usage = """
        dotnet run --project IntegrationHub.AppHost -- publish --output DIR
          writes DIR/azure.yaml and DIR/infra/*.bicep for Azure Container Apps; then: cd DIR && azd up
        """;

    public static bool Handles(string[] args) => args is [Verb, ..];

    /// <returns>The process exit code: 0 written, 2 bad arguments.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var outputDirectory = OutputOption(args);
        if (outputDirectory is null)
        {
            error.WriteLine("publish needs --output DIR." + Environment.NewLine + Usage);
            return 2;
        }

        var repositoryRoot = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Environment.CurrentDirectory);
        if (repositoryRoot is null)
        {
            error.WriteLine("publish must run from the repository (IntegrationHub.sln not found above the AppHost or the current folder).");
            return 2;
        }

        // Every flow, at the spec's ports: a deployment does not depend on how this machine runs the hub.
        var model = HubTopology.Describe(new AppHostOptions());
        var files = AzdProject.Render(model, outputDirectory, repositoryRoot);
        AzdProject.Write(files, outputDirectory);
        output.WriteLine($"Wrote {files.Count} files to {outputDirectory}: {Summary(model)}.");
        output.WriteLine($"Next: cd {outputDirectory} && azd up");
        return 0;
    }

    /// <summary>The folder holding IntegrationHub.sln at or above <paramref name="start"/>.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static string? OutputOption(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--output" or "-o" && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                return Path.GetFullPath(args[i + 1]);
            }

            if (args[i].StartsWith("--output=", StringComparison.Ordinal) && args[i].Length > "--output=".Length)
            {
                return Path.GetFullPath(args[i]["--output=".Length..]);
            }
        }

        return null;
    }

    private static string Summary(HubModel model)
    {
        var plan = DeploymentPlan.From(model);
        return $"{plan.Apps.Count} container apps, {plan.Queues.Count} queues";
    }
}
