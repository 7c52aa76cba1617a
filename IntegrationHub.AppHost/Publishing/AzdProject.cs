using System.Reflection;
using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>
/// The azd project for a <see cref="HubModel"/>, as file contents keyed by path relative to the output folder
/// ('/'-separated). The model-derived files are rendered; the rest are fixed templates embedded in this assembly.
/// </summary>
public static class AzdProject
{
    private static readonly string[] Templates = ["main.bicep", "platform.bicep", "app.bicep", "bicepconfig.json", "main.parameters.json"];

    /// <param name="model">The hub to deploy.</param>
    /// <param name="outputDirectory">Where the files will be written (project paths in azure.yaml are relative to it).</param>
    /// <param name="repositoryRoot">The folder holding IntegrationHub.sln.</param>
    public static IReadOnlyDictionary<string, string> Render(HubModel model, string outputDirectory, string repositoryRoot)
    {
        var plan = DeploymentPlan.From(model);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["azure.yaml"] = AzureYaml.Render(plan, Path.GetFullPath(outputDirectory), Path.GetFullPath(repositoryRoot)),
            ["infra/hub.bicep"] = HubBicep.Render(plan),
        };
        foreach (var template in Templates)
        {
            files["infra/" + template] = Template(template);
        }

        return files;
    }

    /// <summary>Writes the files under <paramref name="outputDirectory"/>, replacing earlier copies.</summary>
    public static void Write(IReadOnlyDictionary<string, string> files, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, content) in files)
        {
            var target = Path.Combine(outputDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
        }
    }

    private static string Template(string name)
    {
        var resource = "IntegrationHub.AppHost.Publishing.Templates." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The template {resource} is not embedded in the AppHost.");
        using var reader = new StreamReader(stream);
        // Templates are committed with LF endings; normalise in case a checkout converted them.
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
