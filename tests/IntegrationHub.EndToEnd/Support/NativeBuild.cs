using System.Diagnostics;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Testing;

namespace IntegrationHub.EndToEnd.Support;

/// <summary>
/// The PHW flow's services compiled to native code exactly as their containers are built (<c>.ci/aot-publish.sh</c>,
/// which also fails on unexpected trim/AOT warnings). <c>$HUB_NATIVE_DIR</c> names a folder already holding them
/// (CI publishes once before the tests); otherwise they are published here, into a temporary folder.
/// </summary>
public sealed class NativeBuild : IAsyncLifetime
{
    public static readonly string[] Projects =
    [
        "flows/phw/IntegrationHub.Phw.Server",
        "flows/phw/IntegrationHub.Phw.Transformer",
        "flows/phw/IntegrationHub.Phw.Sender",
    ];

    private string? _temporary;

    public string Directory { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("HUB_NATIVE_DIR") is { Length: > 0 } given && Projects.All(p => File.Exists(Executable(given, p))))
        {
            Directory = given;
            return;
        }

        _temporary = Path.Combine(Path.GetTempPath(), "hub-native-" + Guid.NewGuid().ToString("N")[..12]);
        Directory = _temporary;
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(".ci/aot-publish.sh");
        info.ArgumentList.Add(_temporary);
        foreach (var project in Projects)
        {
            info.ArgumentList.Add(project);
        }

        using var publish = Process.Start(info)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await publish.WaitForExitAsync(timeout.Token);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"Native publish failed ({publish.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    public Task DisposeAsync()
    {
        if (_temporary is not null)
        {
            try
            {
                System.IO.Directory.Delete(_temporary, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp folder's own clean-up.
            }
        }

        return Task.CompletedTask;
    }

    public static string Executable(string directory, string project) => ServiceLocator.NativeExecutable(directory, Path.GetFileName(project));
}
