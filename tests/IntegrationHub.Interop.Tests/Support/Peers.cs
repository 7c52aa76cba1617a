using IntegrationHub.Testing;

namespace IntegrationHub.Interop.Tests.Support;

/// <summary>Where the peers live: installed by .ci/install-test-deps.sh (mllp_send from Debian, node packages by npm ci).</summary>
public static class Peers
{
    public static string MllpSend => FindOnPath("mllp_send");

    public static string Node => FindOnPath("node");

    /// <summary>tests/interop/node, with its node_modules installed.</summary>
    public static string NodeFolder
    {
        get
        {
            var folder = Path.Combine(Repository.Root, "tests", "interop", "node");
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "node-hl7-client")) || !Directory.Exists(Path.Combine(folder, "node_modules", "node-hl7-server")))
            {
                throw new InvalidOperationException($"The node peers are not installed in {folder}: run .ci/install-test-deps.sh (npm ci).");
            }

            return folder;
        }
    }

    private static string FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{program}' is not on PATH: run .ci/install-test-deps.sh.");
    }
}
