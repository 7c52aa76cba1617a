using System.Diagnostics;

namespace IntegrationHub.Testing;

/// <summary>Process checks the hub tests share (services are real child processes).</summary>
public static class Processes
{
    /// <summary>True while a process with this id exists and has not exited.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
