using System.Reflection;
using System.Runtime.InteropServices;
using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Running;

/// <summary>
/// Finds what to run for a project. The AppHost's build references every service project (built with it, not
/// loaded into it) and stamps each one's TargetPath into this assembly as
/// <c>[AssemblyMetadata("HubService:&lt;assembly&gt;", "&lt;path&gt;")]</c> (see the csproj), so the path always
/// matches the configuration that was actually built, without guessing bin/ folder layouts.
/// </summary>
public static class ServiceLocator
{
    private const string KeyPrefix = "HubService:";

    /// <summary>Every service dll the build recorded, by assembly name.</summary>
    public static IReadOnlyDictionary<string, string> Recorded { get; } = typeof(ServiceLocator).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) && a.Value is not null)
        .ToDictionary(a => a.Key[KeyPrefix.Length..], a => a.Value!, StringComparer.Ordinal);

    public static string DllPath(ProjectInfo project)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (!Recorded.TryGetValue(project.AssemblyName, out var path))
        {
            throw new InvalidOperationException($"{project.AssemblyName} is not referenced by the AppHost project (add it with HubService=\"true\").");
        }

        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project.AssemblyName} has not been built; run `dotnet build IntegrationHub.AppHost`.", path);
    }

    /// <summary>
    /// The dotnet host to run service dlls with: the one running this process when that is dotnet itself
    /// (dotnet test, dotnet IntegrationHub.AppHost.dll), otherwise the installation our runtime came from.
    /// </summary>
    public static string DotnetHost()
    {
        var fileName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == fileName)
        {
            return self;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ → <root>/dotnet
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var candidate = Path.Combine(root, fileName);
        return File.Exists(candidate) ? candidate : fileName;
    }
}
