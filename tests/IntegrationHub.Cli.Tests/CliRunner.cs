namespace IntegrationHub.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error);

internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HubCli.RunAsync(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Writes a message to a temp file with the given segment separator and returns its path.</summary>
    public static string TempMessage(string crSeparated, string separator = "\n")
    {
        var path = Path.Combine(Path.GetTempPath(), $"hub-cli-{Guid.NewGuid():N}.hl7");
        File.WriteAllText(path, crSeparated.Replace("\r", separator, StringComparison.Ordinal));
        return path;
    }
}
