using System.Diagnostics;
using IntegrationHub.AppHost.Running;

namespace IntegrationHub.AppHost.Testing;

/// <summary>
/// Kills the child processes of every hub still running when the test process exits (a test run aborted, a hub
/// never disposed), so no service outlives the test run holding ports and files.
/// </summary>
internal static class ChildProcessGuard
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<HubRunner> Running = [];

    static ChildProcessGuard()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static void Watch(HubRunner runner)
    {
        lock (Gate)
        {
            Running.Add(runner);
        }
    }

    public static void Forget(HubRunner runner)
    {
        lock (Gate)
        {
            Running.Remove(runner);
        }
    }

    private static void KillAll()
    {
        var pids = new List<int>();
        lock (Gate)
        {
            foreach (var runner in Running)
            {
                // A runner still starting adds processes as it goes; a copy taken mid-start misses none started yet.
                pids.AddRange(runner.Processes.ToArray().Select(p => p.ProcessId).OfType<int>());
            }
        }

        foreach (var pid in pids)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}
