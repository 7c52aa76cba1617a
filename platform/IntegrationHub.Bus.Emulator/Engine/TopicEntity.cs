using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>A topic: it holds no messages itself, it copies each one to the subscriptions whose rules match.</summary>
internal sealed class TopicEntity(string name, IReadOnlyList<(MessagingEntity Subscription, IReadOnlyList<RuleConfig> Rules)> subscriptions)
{
    public string Name { get; } = name;
    public IReadOnlyList<(MessagingEntity Subscription, IReadOnlyList<RuleConfig> Rules)> Subscriptions { get; } = subscriptions;

    /// <summary>A subscription without rules has the implicit $Default true filter; otherwise any matching rule wins.</summary>
    public static bool Matches(IReadOnlyList<RuleConfig> rules, ParsedMessage message)
    {
        if (rules.Count == 0)
        {
            return true;
        }

        foreach (var rule in rules)
        {
            if (rule.Correlation is not { } filter || MatchesCorrelation(filter, message))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesCorrelation(CorrelationFilter filter, ParsedMessage message)
    {
        var p = message.Properties;
        if (!Equal(filter.CorrelationId, p?.GetCorrelationId()) || !Equal(filter.MessageId, p?.GetMessageId())
            || !Equal(filter.To, p?.To) || !Equal(filter.ReplyTo, p?.ReplyTo) || !Equal(filter.Label, p?.Subject)
            || !Equal(filter.SessionId, p?.GroupId) || !Equal(filter.ReplyToSessionId, p?.ReplyToGroupId)
            || !Equal(filter.ContentType, p?.ContentType?.ToString()))
        {
            return false;
        }

        foreach (var (key, expected) in filter.Properties)
        {
            object? actual = null;
            if (message.ApplicationProperties is not { } props || !props.Map.TryGetValue(key, out actual)
                || !string.Equals(Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture), expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Equal(string? expected, object? actual) =>
        expected is null || string.Equals(expected, actual?.ToString(), StringComparison.Ordinal);
}
