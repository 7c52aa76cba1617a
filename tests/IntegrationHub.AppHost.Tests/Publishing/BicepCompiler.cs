using System.Diagnostics;
using System.Reflection;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package that restore put in the NuGet cache (its folder is
/// stamped into this assembly by the csproj). Compiles offline: resource types ship inside the binary.
/// </summary>
internal static class BicepCompiler
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static string Executable
    {
        get
        {
            var root = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .SingleOrDefault(a => a.Key == "BicepPackageRoot")?.Value;
            if (string.IsNullOrEmpty(root))
            {
                throw new InvalidOperationException("The Bicep package path was not stamped into the test assembly; restore the test project.");
            }

            var path = Path.Combine(root, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The Bicep CLI is not at {path}.");
            }

            if (!OperatingSystem.IsWindows())
            {
                // NuGet extracts without the execute bit for group/others on some systems.
                var mode = File.GetUnixFileMode(path);
                if ((mode & UnixFileMode.UserExecute) == 0)
                {
                    File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }
            }

            return path;
        }
    }

    /// <summary>`bicep build FILE --outdir DIR`; diagnostics (warnings and errors alike) come on standard error.</summary>
    public static async Task<Result> BuildAsync(string bicepFile, string outputDirectory)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The CLI is a self-contained .NET app: without this it needs ICU on the machine, which compiling does not.
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        foreach (var argument in new[] { "build", bicepFile, "--outdir", outputDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Generous: the CLI is a large self-contained binary and CI machines are busy.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }
}
