using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;

namespace IntegrationHub.Bus.Emulator.Configuration;

/// <summary>A configuration file the broker cannot use; the message names the offending property.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>
/// Reads the Microsoft Service Bus emulator's Config.json schema. Structure, names and types are checked
/// strictly (so files stay usable with the real emulator); value ranges are only checked for sanity, because
/// tests need lock durations shorter than the emulator's PT5S minimum.
/// </summary>
internal static partial class ConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [GeneratedRegex(@"^[A-Za-z0-9]$|^[A-Za-z0-9][\w\-\./]*[A-Za-z0-9]$")]
    private static partial Regex EntityName();

    public static BrokerConfig Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{source}: not valid JSON ({ex.Message})");
        }

        using (document)
        {
            var userConfig = Required(document.RootElement, "UserConfig", "", JsonValueKind.Object);
            var namespaces = Required(userConfig, "Namespaces", "UserConfig", JsonValueKind.Array);
            if (namespaces.GetArrayLength() != 1)
            {
                throw new ConfigException("UserConfig.Namespaces: exactly one namespace is supported");
            }

            const string nsPath = "UserConfig.Namespaces[0]";
            var ns = namespaces[0];
            var name = Required(ns, "Name", nsPath, JsonValueKind.String).GetString()!;
            var queues = new List<QueueConfig>();
            var queuesElement = Required(ns, "Queues", nsPath, JsonValueKind.Array);
            var i = 0;
            foreach (var q in queuesElement.EnumerateArray())
            {
                queues.Add(ReadQueue(q, $"{nsPath}.Queues[{i++}]"));
            }

            var topics = new List<TopicConfig>();
            i = 0;
            if (ns.TryGetProperty("Topics", out var topicsElement))
            {
                Expect(topicsElement, JsonValueKind.Array, $"{nsPath}.Topics");
                foreach (var t in topicsElement.EnumerateArray())
                {
                    topics.Add(ReadTopic(t, $"{nsPath}.Topics[{i++}]"));
                }
            }

            var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in queues.Select(q => q.Name).Concat(topics.Select(t => t.Name)))
            {
                if (!all.Add(entity))
                {
                    throw new ConfigException($"{nsPath}: entity name '{entity}' is used twice");
                }
            }

            return new BrokerConfig { NamespaceName = name, Queues = queues, Topics = topics };
        }
    }

    private static QueueConfig ReadQueue(JsonElement q, string path)
    {
        Expect(q, JsonValueKind.Object, path);
        var name = ReadName(q, path);
        var settings = ReadSettings(q, $"{path}.Properties", allowDuplicateDetection: true);
        return new QueueConfig(name, settings);
    }

    private static TopicConfig ReadTopic(JsonElement t, string path)
    {
        Expect(t, JsonValueKind.Object, path);
        var name = ReadName(t, path);
        var defaults = new QueueSettings();
        var props = Optional(t, "Properties", path);
        var ttl = Duration(props, "DefaultMessageTimeToLive", $"{path}.Properties", defaults.DefaultMessageTimeToLive);
        var window = Duration(props, "DuplicateDetectionHistoryTimeWindow", $"{path}.Properties", defaults.DuplicateDetectionHistoryTimeWindow);
        var dupes = Bool(props, "RequiresDuplicateDetection", $"{path}.Properties", false);
        var subsElement = Required(t, "Subscriptions", path, JsonValueKind.Array);
        var subs = new List<SubscriptionConfig>();
        var i = 0;
        foreach (var s in subsElement.EnumerateArray())
        {
            var subPath = $"{path}.Subscriptions[{i++}]";
            Expect(s, JsonValueKind.Object, subPath);
            var subName = ReadName(s, subPath);
            var settings = ReadSettings(s, $"{subPath}.Properties", allowDuplicateDetection: false);
            subs.Add(new SubscriptionConfig(subName, settings, ReadRules(s, subPath)));
        }

        if (subs.Count == 0)
        {
            throw new ConfigException($"{path}.Subscriptions: a topic needs at least one subscription");
        }

        return new TopicConfig(name, dupes, window, ttl, subs);
    }

    private static List<RuleConfig> ReadRules(JsonElement s, string path)
    {
        var rules = new List<RuleConfig>();
        if (!s.TryGetProperty("Rules", out var rulesElement))
        {
            return rules;
        }

        Expect(rulesElement, JsonValueKind.Array, $"{path}.Rules");
        var i = 0;
        foreach (var r in rulesElement.EnumerateArray())
        {
            var rulePath = $"{path}.Rules[{i++}]";
            Expect(r, JsonValueKind.Object, rulePath);
            var name = ReadName(r, rulePath);
            var props = Required(r, "Properties", rulePath, JsonValueKind.Object);
            var type = Required(props, "FilterType", $"{rulePath}.Properties", JsonValueKind.String).GetString();
            if (string.Equals(type, "Sql", StringComparison.OrdinalIgnoreCase))
            {
                var sql = Required(props, "SqlFilter", $"{rulePath}.Properties", JsonValueKind.Object);
                var expr = Required(sql, "SqlExpression", $"{rulePath}.Properties.SqlFilter", JsonValueKind.String).GetString()!;
                // Only the always-true forms are supported; anything else would silently misroute messages.
                if (expr.Trim() is not ("1=1" or "1 = 1" or "TRUE" or "true"))
                {
                    throw new ConfigException($"{rulePath}.Properties.SqlFilter.SqlExpression: only '1=1' is supported, got '{expr}'");
                }

                rules.Add(new RuleConfig(name, null));
            }
            else if (string.Equals(type, "Correlation", StringComparison.OrdinalIgnoreCase))
            {
                rules.Add(new RuleConfig(name, ReadCorrelation(props, $"{rulePath}.Properties")));
            }
            else
            {
                throw new ConfigException($"{rulePath}.Properties.FilterType: expected 'Correlation' or 'Sql', got '{type}'");
            }
        }

        return rules;
    }

    private static CorrelationFilter ReadCorrelation(JsonElement props, string path)
    {
        var c = Required(props, "CorrelationFilter", path, JsonValueKind.Object);
        var p = $"{path}.CorrelationFilter";
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.TryGetProperty("Properties", out var pe))
        {
            Expect(pe, JsonValueKind.Object, $"{p}.Properties");
            foreach (var kv in pe.EnumerateObject())
            {
                properties[kv.Name] = kv.Value.ValueKind == JsonValueKind.String ? kv.Value.GetString()! : kv.Value.GetRawText();
            }
        }

        var filter = new CorrelationFilter
        {
            ContentType = Str(c, "ContentType", p),
            CorrelationId = Str(c, "CorrelationId", p),
            Label = Str(c, "Label", p),
            MessageId = Str(c, "MessageId", p),
            ReplyTo = Str(c, "ReplyTo", p),
            ReplyToSessionId = Str(c, "ReplyToSessionId", p),
            SessionId = Str(c, "SessionId", p),
            To = Str(c, "To", p),
            Properties = properties,
        };
        if (properties.Count == 0 && filter.ContentType is null && filter.CorrelationId is null && filter.Label is null
            && filter.MessageId is null && filter.ReplyTo is null && filter.ReplyToSessionId is null
            && filter.SessionId is null && filter.To is null)
        {
            throw new ConfigException($"{p}: a correlation filter needs at least one field");
        }

        return filter;
    }

    private static QueueSettings ReadSettings(JsonElement owner, string path, bool allowDuplicateDetection)
    {
        var d = new QueueSettings();
        var props = Optional(owner, "Properties", path[..path.LastIndexOf('.')]);
        var settings = new QueueSettings
        {
            LockDuration = Duration(props, "LockDuration", path, d.LockDuration),
            MaxDeliveryCount = Int(props, "MaxDeliveryCount", path, d.MaxDeliveryCount),
            DefaultMessageTimeToLive = Duration(props, "DefaultMessageTimeToLive", path, d.DefaultMessageTimeToLive),
            DeadLetteringOnMessageExpiration = Bool(props, "DeadLetteringOnMessageExpiration", path, false),
            RequiresSession = Bool(props, "RequiresSession", path, false),
            RequiresDuplicateDetection = allowDuplicateDetection && Bool(props, "RequiresDuplicateDetection", path, false),
            DuplicateDetectionHistoryTimeWindow = allowDuplicateDetection
                ? Duration(props, "DuplicateDetectionHistoryTimeWindow", path, d.DuplicateDetectionHistoryTimeWindow)
                : d.DuplicateDetectionHistoryTimeWindow,
        };
        if (!string.IsNullOrEmpty(Str(props, "ForwardTo", path)) || !string.IsNullOrEmpty(Str(props, "ForwardDeadLetteredMessagesTo", path)))
        {
            throw new ConfigException($"{path}.ForwardTo: auto-forwarding is not supported by the embedded broker");
        }

        if (settings.MaxDeliveryCount < 1)
        {
            throw new ConfigException($"{path}.MaxDeliveryCount: must be at least 1, got {settings.MaxDeliveryCount}");
        }

        return settings;
    }

    private static string ReadName(JsonElement e, string path)
    {
        var name = Required(e, "Name", path, JsonValueKind.String).GetString()!;
        if (!EntityName().IsMatch(name))
        {
            throw new ConfigException($"{path}.Name: '{name}' is not a valid entity name");
        }

        return name;
    }

    private static JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind)
    {
        var full = path.Length == 0 ? name : $"{path}.{name}";
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new ConfigException($"{full}: required property is missing");
        }

        Expect(value, kind, full);
        return value;
    }

    private static JsonElement Optional(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return default;
        }

        Expect(value, JsonValueKind.Object, $"{path}.{name}");
        return value;
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string path)
    {
        if (e.ValueKind != kind)
        {
            throw new ConfigException($"{path}: expected {kind.ToString().ToLowerInvariant()}, got {e.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static bool TryGet(JsonElement parent, string name, out JsonElement value)
    {
        value = default;
        return parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string? Str(JsonElement parent, string name, string path)
    {
        if (!TryGet(parent, name, out var v))
        {
            return null;
        }

        Expect(v, JsonValueKind.String, $"{path}.{name}");
        return v.GetString();
    }

    private static bool Bool(JsonElement parent, string name, string path, bool fallback)
    {
        if (!TryGet(parent, name, out var v))
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ConfigException($"{path}.{name}: expected true or false, got {v.GetRawText()}"),
        };
    }

    private static int Int(JsonElement parent, string name, string path, int fallback)
    {
        if (!TryGet(parent, name, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
        {
            throw new ConfigException($"{path}.{name}: expected an integer, got {v.GetRawText()}");
        }

        return n;
    }

    private static TimeSpan Duration(JsonElement parent, string name, string path, TimeSpan fallback)
    {
        var text = Str(parent, name, path);
        if (text is null)
        {
            return fallback;
        }

        TimeSpan value;
        try
        {
            value = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw new ConfigException($"{path}.{name}: '{text}' is not an ISO-8601 duration such as PT1M");
        }

        if (value <= TimeSpan.Zero)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{path}.{name}: must be positive, got '{text}'"));
        }

        return value;
    }
}
