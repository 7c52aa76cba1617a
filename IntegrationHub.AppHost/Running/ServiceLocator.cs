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

    // Found once: every IL service of a run starts with the same host.
    private static readonly Lazy<string> Host = new(DotnetHost);

    /// <summary>Every service dll the build recorded, by assembly name.</summary>
    public static IReadOnlyDictionary<string, string> Recorded { get; } = typeof(ServiceLocator).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) && a.Value is not null)
        .ToDictionary(a => a.Key[KeyPrefix.Length..], a => a.Value!, StringComparer.Ordinal);

    /// <summary>
    /// How to start a project: its natively compiled executable when <paramref name="nativeDirectory"/> holds one
    /// (<c>&lt;dir&gt;/&lt;assembly&gt;/&lt;assembly&gt;</c>), otherwise its IL build through the dotnet host.
    /// </summary>
    public static ServiceLaunch Launch(ProjectInfo project, string? nativeDirectory)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (nativeDirectory is not null)
        {
            var native = NativeExecutable(nativeDirectory, project.AssemblyName);
            if (File.Exists(native))
            {
                return new ServiceLaunch(native, null);
            }
        }

        return new ServiceLaunch(Host.Value, DllPath(project));
    }

    /// <summary>Where <c>.ci/aot-publish.sh DIR</c> puts a service's native executable: <c>DIR/&lt;assembly&gt;/&lt;assembly&gt;</c>.</summary>
    public static string NativeExecutable(string nativeDirectory, string assemblyName) =>
        Path.Combine(nativeDirectory, assemblyName, assemblyName);

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

/// <summary>What to execute for a service: a native executable (<see cref="Dll"/> null) or the dotnet host with a dll.</summary>
public sealed record ServiceLaunch(string FileName, string? Dll)
{
    public bool IsNative => Dll is null;

    /// <summary>The service's own folder: where its settings files and native libraries are.</summary>
    public string WorkingDirectory => Path.GetDirectoryName(Dll ?? FileName)!;
}
