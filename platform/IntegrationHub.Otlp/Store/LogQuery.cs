namespace IntegrationHub.Otlp;

/// <summary>
/// A log search. Null filters match everything. <paramref name="MinLevel"/> is one of <see cref="LogLevelNames.All"/>;
/// <paramref name="Text"/> matches message, category or an attribute value, ignoring case. The result is the newest
/// <paramref name="Max"/> matching records with a sequence above <paramref name="AfterSequence"/>, oldest first.
/// </summary>
public sealed record LogQuery(string? Resource = null, string? MinLevel = null, string? Text = null, long AfterSequence = 0, int Max = 500);
