using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IntegrationHub.AppHost.Running;

/// <summary>Asks a child to stop the way a terminal or an orchestrator would, so its host shuts down gracefully.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>SIGTERM on Unix; on Windows there is no signal for another console, so the child is killed.</summary>
    public static void RequestStop(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        _ = Kill(process.Id, SigTerm);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
