using System.Buffers;
using System.Globalization;
using System.Text.Json;
using IntegrationHub.Bus;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// The audit queue's message: a JSON array of events, each the object of its dimensions in their order. Many events
/// travel in one bus message because every HL7 message raises three or four events in each service: one bus message
/// per event would make the audit traffic several times the message traffic (broker operations, which Service Bus
/// bills and throttles, and the broker's work). A reader must also accept a lone object, the form of one event.
/// </summary>
public static class AuditBatch
{
    /// <summary>The body limit of a packed message: under Service Bus Standard's 256 KB, with room for the headers.</summary>
    public const int DefaultMaxBodyBytes = 192 * 1024;

    public const string Subject = "hub-events";

    public const string EventCountProperty = "EventCount";

    /// <summary>
    /// Packs events, in order, into as few messages as keep each body within <paramref name="maxBodyBytes"/>; an event
    /// larger than that on its own travels alone (the broker then accepts or refuses it by its own limit).
    /// </summary>
    public static List<PackedEvents> Pack(IReadOnlyList<HubEvent> events, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = new List<PackedEvents>(1);
        var body = new ArrayBufferWriter<byte>(Math.Min(maxBodyBytes, 16 * 1024));
        var json = new ArrayBufferWriter<byte>(4096);
        var count = 0;
        foreach (var hubEvent in events)
        {
            // Each event is written aside first: whether it still fits depends on its length.
            json.ResetWrittenCount();
            Write(json, hubEvent);

            // "[" + objects joined by "," + "]": adding this one costs its length plus one separator or bracket.
            if (count > 0 && body.WrittenCount + json.WrittenCount + 2 > maxBodyBytes)
            {
                messages.Add(Close(body, count));
                body = new ArrayBufferWriter<byte>(Math.Min(maxBodyBytes, 16 * 1024));
                count = 0;
            }

            body.Write(count == 0 ? "["u8 : ","u8);
            body.Write(json.WrittenSpan);
            count++;
        }

        if (count > 0)
        {
            messages.Add(Close(body, count));
        }

        return messages;
    }

    /// <summary>
    /// One event's dimensions as a JSON object, escaped as the default serializer escapes (the dashboard and the
    /// existing tooling read this shape).
    /// </summary>
    public static byte[] ToJson(HubEvent hubEvent)
    {
        ArgumentNullException.ThrowIfNull(hubEvent);
        var buffer = new ArrayBufferWriter<byte>(512 + (hubEvent.MessageContent?.Length ?? 0));
        Write(buffer, hubEvent);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes dimensions as one JSON object, in their order: no dictionary, no reflection. The event's log line uses
    /// it too, with its own escaping and without the content.
    /// </summary>
    public static void WriteObject(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object?>> dimensions, bool includeContent = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(dimensions);
        writer.WriteStartObject();
        foreach (var (name, value) in dimensions)
        {
            if (!includeContent && name == HubEvent.ContentDimension)
            {
                continue;
            }

            if (value is null)
            {
                writer.WriteNull(name);
            }
            else
            {
                writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        writer.WriteEndObject();
    }

    private static void Write(IBufferWriter<byte> buffer, HubEvent hubEvent)
    {
        using var writer = new Utf8JsonWriter(buffer);
        WriteObject(writer, hubEvent.Dimensions());
    }

    private static PackedEvents Close(ArrayBufferWriter<byte> body, int count)
    {
        body.Write("]"u8);
        var message = new OutgoingMessage(body.WrittenMemory)
        {
            ContentType = "application/json",
            Subject = Subject,
            ApplicationProperties = new Dictionary<string, object?>(StringComparer.Ordinal) { [EventCountProperty] = count },
        };
        return new PackedEvents(message, count);
    }
}

/// <summary>One audit message and how many events it carries.</summary>
public readonly record struct PackedEvents(OutgoingMessage Message, int EventCount);
