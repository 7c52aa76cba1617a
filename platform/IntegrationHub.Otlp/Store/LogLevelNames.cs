namespace IntegrationHub.Otlp;

/// <summary>
/// The .NET log level names the store uses, and how OTLP severity numbers map onto them: the OpenTelemetry log data
/// model's SeverityNumber ranges 1–4 TRACE, 5–8 DEBUG, 9–12 INFO, 13–16 WARN, 17–20 ERROR, 21–24 FATAL.
/// </summary>
public static class LogLevelNames
{
    public const string Trace = "Trace";
    public const string Debug = "Debug";
    public const string Information = "Information";
    public const string Warning = "Warning";
    public const string Error = "Error";
    public const string Critical = "Critical";

    /// <summary>Every level, least severe first.</summary>
    public static IReadOnlyList<string> All { get; } = [Trace, Debug, Information, Warning, Error, Critical];

    /// <summary>
    /// The level for a severity number; an unspecified (0) or out-of-range number falls back to the severity text
    /// when it names a level, else Information.
    /// </summary>
    public static string FromSeverity(int severityNumber, string? severityText)
    {
        if (severityNumber is >= 1 and <= 24)
        {
            return All[(severityNumber - 1) / 4];
        }

        return Parse(severityText) ?? Information;
    }

    /// <summary>The canonical name for a level name given in any case (also the common short forms), or null.</summary>
    public static string? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => Trace,
        "DEBUG" => Debug,
        "INFORMATION" or "INFO" => Information,
        "WARNING" or "WARN" => Warning,
        "ERROR" => Error,
        "CRITICAL" or "FATAL" => Critical,
        _ => null,
    };

    /// <summary>Position in <see cref="All"/> (0 = Trace); an unknown name ranks as Information.</summary>
    public static int Rank(string level) => Parse(level) switch
    {
        Trace => 0,
        Debug => 1,
        Warning => 3,
        Error => 4,
        Critical => 5,
        _ => 2,
    };
}
