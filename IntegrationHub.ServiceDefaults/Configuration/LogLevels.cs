using Microsoft.Extensions.Logging;

namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>The existing system's LOG_LEVEL words (Python logging names) mapped to .NET log levels.</summary>
public static class LogLevels
{
    public static bool TryParse(string? text, out LogLevel level)
    {
        level = (text ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "CRITICAL" or "FATAL" => LogLevel.Critical,
            "ERROR" => LogLevel.Error,
            "WARN" or "WARNING" => LogLevel.Warning,
            "INFO" or "INFORMATION" => LogLevel.Information,
            "DEBUG" => LogLevel.Debug,
            "TRACE" or "NOTSET" => LogLevel.Trace,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }
}
