using System.Text.Json;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>
/// One console line, split where the services' simple single-line format allows
/// (<c>HH:mm:ss.fff info: Category[EventId] message</c>); anything else (a stack trace line, stderr) keeps its text
/// with no level.
/// </summary>
public sealed record LogLine(string Text, string? Time, string? Level, string? Category, string? Message)
{
    private static readonly string[] Levels = ["trce", "dbug", "info", "warn", "fail", "crit"];

    public static LogLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space is < 8 or > 12 || line.Length < space + 7 || line[space + 5] != ':')
        {
            return new LogLine(line, null, null, null, null);
        }

        var level = line.Substring(space + 1, 4);
        if (!Levels.Contains(level, StringComparer.Ordinal))
        {
            return new LogLine(line, null, null, null, null);
        }

        var rest = line[(space + 7)..];
        var bracket = rest.IndexOf('[', StringComparison.Ordinal);
        var close = bracket < 0 ? -1 : rest.IndexOf("] ", bracket, StringComparison.Ordinal);
        var category = close < 0 ? null : rest[..bracket];
        var message = close < 0 ? rest : rest[(close + 2)..];
        return new LogLine(line, line[..space], LevelName(level), category, message);
    }

    private static string LevelName(string level) => level switch
    {
        "trce" => "Trace",
        "dbug" => "Debug",
        "info" => "Information",
        "warn" => "Warning",
        "fail" => "Error",
        _ => "Critical",
    };
}

internal static class LogLineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
