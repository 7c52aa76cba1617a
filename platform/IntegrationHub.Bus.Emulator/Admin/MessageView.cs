using System.Globalization;
using System.Text;
using Amqp;
using IntegrationHub.Bus.Emulator.Engine;

namespace IntegrationHub.Bus.Emulator.Admin;

/// <summary>A stored message as the admin API shows it.</summary>
internal sealed record MessageView(
    long SequenceNumber,
    string? MessageId,
    string? SessionId,
    DateTime EnqueuedTimeUtc,
    int DeliveryCount,
    string State,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    Dictionary<string, string?> ApplicationProperties,
    string? Body)
{
    public static MessageView From(MessageRecord record, byte[] raw)
    {
        var message = Message.Decode(new ByteBuffer(raw, 0, raw.Length, raw.Length));
        var props = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } ap)
        {
            foreach (var (key, value) in ap.Map)
            {
                props[key.ToString()!] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        var body = message.Body switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            null => null,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };
        props.TryGetValue("DeadLetterReason", out var reason);
        props.TryGetValue("DeadLetterErrorDescription", out var description);
        return new MessageView(record.Seq, message.Properties?.GetMessageId()?.ToString(), record.SessionId, MessageCodec.FromUnixMs(record.EnqueuedMs),
            record.DeliveryCount, record.State.ToString(), reason, description, props, body);
    }
}
