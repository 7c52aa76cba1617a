using System.Globalization;
using System.Text;
using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Decoding;

/// <summary>
/// Messages of opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto that every signal shares.
/// Attribute values are kept as text: the dashboard shows and filters them, it never computes with them.
/// </summary>
internal static class CommonDecoder
{
    /// <summary>What a resource without service.name is called (the OpenTelemetry SDK default).</summary>
    public const string UnknownService = "unknown_service";

    // Arrays and key-value lists may nest; a hostile body must not be able to exhaust the stack.
    private const int MaxValueDepth = 16;

    /// <summary>Resource: attributes = 1 (KeyValue). Returns the service.name attribute.</summary>
    public static string ReadServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtoReader(resource);
        string? name = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                var (key, value) = ReadKeyValue(reader.ReadLengthDelimited(wire, field));
                if (key == "service.name" && value.Length > 0)
                {
                    name = value;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return name ?? UnknownService;
    }

    /// <summary>InstrumentationScope: name = 1.</summary>
    public static string ReadScopeName(ReadOnlySpan<byte> scope)
    {
        var reader = new ProtoReader(scope);
        var name = string.Empty;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                name = reader.ReadString(wire, field);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return name;
    }

    /// <summary>KeyValue: key = 1 (string), value = 2 (AnyValue).</summary>
    public static (string Key, string Value) ReadKeyValue(ReadOnlySpan<byte> keyValue, int depth = 0)
    {
        var reader = new ProtoReader(keyValue);
        var key = string.Empty;
        var value = string.Empty;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    key = reader.ReadString(wire, field);
                    break;
                case 2:
                    value = ReadAnyValue(reader.ReadLengthDelimited(wire, field), depth);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return (key, value);
    }

    /// <summary>Adds one KeyValue to a dictionary (a repeated key keeps its last value).</summary>
    public static void AddAttribute(Dictionary<string, string> attributes, ReadOnlySpan<byte> keyValue)
    {
        var (key, value) = ReadKeyValue(keyValue);
        attributes[key] = value;
    }

    /// <summary>
    /// AnyValue, a oneof: string_value = 1, bool_value = 2, int_value = 3 (int64), double_value = 4 (double),
    /// array_value = 5 (ArrayValue: values = 1), kvlist_value = 6 (KeyValueList: values = 1), bytes_value = 7.
    /// </summary>
    public static string ReadAnyValue(ReadOnlySpan<byte> anyValue, int depth = 0)
    {
        if (depth > MaxValueDepth)
        {
            throw new OtlpFormatException("Attribute values nest too deeply.");
        }

        var reader = new ProtoReader(anyValue);
        var text = string.Empty;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    text = reader.ReadString(wire, field);
                    break;
                case 2:
                    text = reader.ReadVarint(wire, field) != 0 ? "true" : "false";
                    break;
                case 3:
                    text = ((long)reader.ReadVarint(wire, field)).ToString(CultureInfo.InvariantCulture);
                    break;
                case 4:
                    text = reader.ReadDouble(wire, field).ToString("R", CultureInfo.InvariantCulture);
                    break;
                case 5:
                    text = ReadList(reader.ReadLengthDelimited(wire, field), depth + 1, keyed: false);
                    break;
                case 6:
                    text = ReadList(reader.ReadLengthDelimited(wire, field), depth + 1, keyed: true);
                    break;
                case 7:
                    text = Convert.ToBase64String(reader.ReadLengthDelimited(wire, field));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return text;
    }

    /// <summary>Trace and span ids as the lowercase hex W3C uses; absent or all-zero ids are no id.</summary>
    public static string? ReadId(ReadOnlySpan<byte> id) =>
        id.IsEmpty || !id.ContainsAnyExcept((byte)0) ? null : Convert.ToHexStringLower(id);

    /// <summary>Nanoseconds since the Unix epoch (fixed64 in every OTLP message) as a timestamp.</summary>
    public static DateTimeOffset FromUnixNanos(ulong nanos)
    {
        var ticks = nanos / 100;
        var maxTicks = (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks);
        return ticks > maxTicks ? DateTimeOffset.MaxValue : DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
    }

    // ArrayValue and KeyValueList both hold their items in field 1.
    private static string ReadList(ReadOnlySpan<byte> list, int depth, bool keyed)
    {
        var reader = new ProtoReader(list);
        var text = new StringBuilder(keyed ? "{" : "[");
        var first = true;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != 1)
            {
                reader.Skip(wire);
                continue;
            }

            var element = reader.ReadLengthDelimited(wire, field);
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            if (keyed)
            {
                var (key, value) = ReadKeyValue(element, depth);
                text.Append(key).Append('=').Append(value);
            }
            else
            {
                text.Append(ReadAnyValue(element, depth));
            }
        }

        return text.Append(keyed ? '}' : ']').ToString();
    }
}
