using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>The sections of an encoded message the broker looks at; the rest travels as opaque bytes.</summary>
internal sealed class ParsedMessage
{
    public Header? Header;
    public MessageAnnotations? Annotations;
    public Properties? Properties;
    public ApplicationProperties? ApplicationProperties;

    /// <summary>Offset of the first section after the message annotations (properties onwards).</summary>
    public int RestOffset;

    /// <summary>The binary of every data section (a batch carries one encoded message per data section).</summary>
    public List<byte[]>? DataSections;
}

/// <summary>
/// Parses and re-emits encoded AMQP messages. Stored messages are kept byte-for-byte as the client sent them;
/// a delivery re-encodes only the header and message annotations and appends the original remaining bytes.
/// </summary>
internal static class MessageCodec
{
    public const uint BatchFormat = 0x80013700;
    private const ulong HeaderCode = 0x70;
    private const ulong DeliveryAnnotationsCode = 0x71;
    private const ulong MessageAnnotationsCode = 0x72;
    private const ulong PropertiesCode = 0x73;
    private const ulong ApplicationPropertiesCode = 0x74;
    private const ulong DataCode = 0x75;

    public static readonly Symbol SequenceNumber = new("x-opt-sequence-number");
    public static readonly Symbol EnqueuedTime = new("x-opt-enqueued-time");
    public static readonly Symbol LockedUntil = new("x-opt-locked-until");
    public static readonly Symbol ScheduledEnqueueTime = new("x-opt-scheduled-enqueue-time");
    public static readonly Symbol MessageState = new("x-opt-message-state");

    /// <summary>Parses the sections; the body is decoded only when <paramref name="withBody"/> (batches).</summary>
    public static ParsedMessage Parse(byte[] raw, bool withBody)
    {
        var parsed = new ParsedMessage { RestOffset = raw.Length };
        var pos = 0;
        while (pos < raw.Length)
        {
            var code = PeekDescriptor(raw, pos);
            if (code >= DataCode && !withBody)
            {
                parsed.RestOffset = Math.Min(parsed.RestOffset, pos);
                break;
            }

            var buffer = new ByteBuffer(raw, pos, raw.Length - pos, raw.Length);
            var section = Amqp.Types.Encoder.ReadObject(buffer) as RestrictedDescribed
                ?? throw new AmqpException(ErrorCode.DecodeError, "A message section is not a described type.");
            code = section.Descriptor.Code;
            if (code >= PropertiesCode)
            {
                parsed.RestOffset = Math.Min(parsed.RestOffset, pos);
            }

            switch (section)
            {
                case Header h:
                    parsed.Header = h;
                    break;
                case MessageAnnotations ma:
                    parsed.Annotations = ma;
                    break;
                case Properties p:
                    parsed.Properties = p;
                    break;
                case ApplicationProperties ap:
                    parsed.ApplicationProperties = ap;
                    break;
                case Data d:
                    (parsed.DataSections ??= []).Add(d.Binary);
                    break;
                default:
                    break;
            }

            pos = buffer.Offset;
        }

        return parsed;
    }

    /// <summary>
    /// Builds the transfer payload: a fresh header (delivery count) and message annotations with the broker's
    /// values merged over the client's, followed by the stored properties/application-properties/body bytes.
    /// </summary>
    public static ByteBuffer BuildDelivery(byte[] raw, MessageRecord record, uint headerDeliveryCount, long lockedUntilMs, int? messageState)
    {
        var parsed = Parse(raw, withBody: false);
        var header = new Header { DeliveryCount = headerDeliveryCount, FirstAcquirer = headerDeliveryCount == 0 };
        if (parsed.Header is { } original)
        {
            header.Durable = original.Durable;
            header.Priority = original.Priority;
            if (original.HasField(2))
            {
                header.Ttl = original.Ttl;
            }
        }

        var annotations = new MessageAnnotations();
        if (parsed.Annotations is { } clientAnnotations)
        {
            foreach (var (key, value) in clientAnnotations.Map)
            {
                annotations.Map[key] = value;
            }
        }

        annotations.Map[SequenceNumber] = record.Seq;
        annotations.Map[EnqueuedTime] = FromUnixMs(record.EnqueuedMs);
        if (lockedUntilMs > 0)
        {
            annotations.Map[LockedUntil] = FromUnixMs(lockedUntilMs);
        }

        if (messageState is { } state)
        {
            annotations.Map[MessageState] = state;
        }

        var rest = raw.Length - parsed.RestOffset;
        var buffer = new ByteBuffer(rest + 256, true);
        header.Encode(buffer);
        annotations.Encode(buffer);
        AmqpBitConverter.WriteBytes(buffer, raw, parsed.RestOffset, rest);
        return buffer;
    }

    /// <summary>Re-encodes a stored message with application properties added or replaced (dead-lettering, abandon).</summary>
    public static byte[] WithApplicationProperties(byte[] raw, IEnumerable<KeyValuePair<string, object?>> updates)
    {
        var message = Message.Decode(new ByteBuffer(raw, 0, raw.Length, raw.Length));
        message.ApplicationProperties ??= new ApplicationProperties();
        foreach (var (key, value) in updates)
        {
            message.ApplicationProperties[key] = value;
        }

        return ToArray(message.Encode());
    }

    public static byte[] WithoutApplicationProperties(byte[] raw, params string[] keys)
    {
        var message = Message.Decode(new ByteBuffer(raw, 0, raw.Length, raw.Length));
        if (message.ApplicationProperties is null)
        {
            return raw;
        }

        foreach (var key in keys)
        {
            message.ApplicationProperties.Map.Remove(key);
        }

        return ToArray(message.Encode());
    }

    public static byte[] ToArray(ByteBuffer buffer) => buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();

    public static DateTime FromUnixMs(long ms) => DateTime.SpecifyKind(DateTime.UnixEpoch.AddMilliseconds(ms), DateTimeKind.Utc);

    public static long ToUnixMs(DateTime time) =>
        (long)(time.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;

    private static ulong PeekDescriptor(byte[] raw, int pos)
    {
        // Sections are described types: 0x00, then the descriptor (small ulong 0x53 xx or ulong 0x80 + 8 bytes).
        if (pos + 2 < raw.Length && raw[pos] == 0x00)
        {
            if (raw[pos + 1] == 0x53)
            {
                return raw[pos + 2];
            }

            if (raw[pos + 1] == 0x80 && pos + 10 <= raw.Length)
            {
                return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw.AsSpan(pos + 2, 8));
            }
        }

        return 0; // Unknown form (e.g. symbolic descriptor): decode it to find out.
    }
}
