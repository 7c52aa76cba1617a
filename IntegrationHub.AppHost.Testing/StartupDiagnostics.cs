using System.Text;
using IntegrationHub.AppHost.Running;

namespace IntegrationHub.AppHost.Testing;

/// <summary>
/// Why a hub did not start: the supervisor's report ends with the last lines of each unhealthy service, which for a
/// crash are stack frames; the line that names the cause (e.g. "RECEIVER_MLLP_PORT must be a port number…") comes
/// earlier, on the host's <c>fail:</c>/<c>crit:</c> line or the runtime's "Unhandled exception." line.
/// </summary>
internal static class StartupDiagnostics
{
    private const int MaxLineLength = 400;

    public static string Describe(HubRunner runner)
    {
        var text = new StringBuilder();
        foreach (var process in runner.Processes.Where(p => !p.FirstHealthy.IsCompleted))
        {
            var causes = Causes(process.Output.FilePath);
            if (causes.Count == 0)
            {
                continue;
            }

            text.AppendLine().Append(process.Resource.Name).Append(" reported:");
            foreach (var cause in causes)
            {
                text.AppendLine().Append("    ").Append(cause.Length > MaxLineLength ? cause[..MaxLineLength] + " …" : cause);
            }
        }

        return text.ToString();
    }

    private static List<string> Causes(string logPath)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var causes = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                var content = line.StartsWith("[stderr] ", StringComparison.Ordinal) ? line["[stderr] ".Length..] : line;
                if (IsCause(content) && !causes.Contains(content))
                {
                    causes.Add(content);
                }
            }

            // A crash loop repeats the same cause; the distinct last few are enough.
            return causes.TakeLast(3).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsCause(string line) =>
        line.StartsWith("Unhandled exception.", StringComparison.Ordinal)
        || line.Contains(" fail: ", StringComparison.Ordinal) || line.StartsWith("fail: ", StringComparison.Ordinal)
        || line.Contains(" crit: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal);
}
