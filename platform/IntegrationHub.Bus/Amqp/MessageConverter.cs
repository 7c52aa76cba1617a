using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Maps port messages to AMQP messages and back (spec §3.2, §4.3, §4.4).</summary>
internal static class MessageConverter
{
    public const uint BatchFormat = 0x80013700;

    public static readonly Symbol SequenceNumberKey = new("x-opt-sequence-number");
    public static readonly Symbol EnqueuedTimeKey = new("x-opt-enqueued-time");
    public static readonly Symbol LockedUntilKey = new("x-opt-locked-until");
    public static readonly Symbol ScheduledEnqueueTimeKey = new("x-opt-scheduled-enqueue-time");

    public static Message ToAmqp(OutgoingMessage source)
    {
        var message = new Message
        {
            BodySection = new Data { Binary = source.Body.ToArray() },
            Header = new Header { Durable = true },
            Properties = new Properties(),
        };
        if (source.MessageId is not null)
        {
            message.Properties.MessageId = source.MessageId;
        }

        if (source.SessionId is not null)
        {
            message.Properties.GroupId = source.SessionId;
        }

        if (source.CorrelationId is not null)
        {
            message.Properties.CorrelationId = source.CorrelationId;
        }

        if (source.ContentType is not null)
        {
            message.Properties.ContentType = new Symbol(source.ContentType);
        }

        if (source.Subject is not null)
        {
            message.Properties.Subject = source.Subject;
        }

        if (source.TimeToLive is { } ttl)
        {
            message.Header.Ttl = (uint)Math.Min(uint.MaxValue, ttl.TotalMilliseconds);
        }

        if (source.ScheduledEnqueueTime is { } scheduled)
        {
            message.MessageAnnotations = new MessageAnnotations();
            message.MessageAnnotations[ScheduledEnqueueTimeKey] = scheduled.UtcDateTime;
        }

        var properties = new Dictionary<string, object?>(source.ApplicationProperties, StringComparer.Ordinal);
        BusTelemetry.Inject(properties, source);
        if (properties.Count > 0)
        {
            message.ApplicationProperties = new ApplicationProperties();
            foreach (var (key, value) in properties)
            {
                message.ApplicationProperties[key] = ToAmqpValue(value);
            }
        }

        return message;
    }

    /// <summary>One transfer carrying many messages (format 0x80013700, one data section per encoded message).</summary>
    public static Message ToBatch(IReadOnlyList<OutgoingMessage> messages)
    {
        var body = new DataList();
        foreach (var message in messages)
        {
            body.Add(new Data { Binary = Encode(ToAmqp(message)) });
        }

        // Like the .NET SDK, the envelope carries the first message's id and session so the broker can route it.
        var envelope = new Message { BodySection = body, Format = BatchFormat, Properties = new Properties() };
        if (messages[0].MessageId is { } id)
        {
            envelope.Properties.MessageId = id;
        }

        if (messages[0].SessionId is { } session)
        {
            envelope.Properties.GroupId = session;
        }

        return envelope;
    }

    public static byte[] Encode(Message message)
    {
        var buffer = message.Encode();
        return buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
    }

    public static Message Decode(byte[] bytes) => Message.Decode(new ByteBuffer(bytes, 0, bytes.Length, bytes.Length));

    /// <summary>A received (or peeked) AMQP message as the port's type. <paramref name="peeked"/>: the header holds the count itself.</summary>
    public static ReceivedMessage FromAmqp(Message message, object? handle, DateTimeOffset? sessionLockedUntil, bool peeked = false, byte[]? deliveryTag = null)
    {
        var annotations = message.MessageAnnotations;
        var lockedUntil = annotations?[LockedUntilKey] is DateTime locked ? ToOffset(locked) : sessionLockedUntil ?? DateTimeOffset.MinValue;
        var headerCount = message.Header is null ? 0 : (int)message.Header.DeliveryCount;
        return new ReceivedMessage
        {
            Body = BodyBytes(message),
            ApplicationProperties = ReadProperties(message.ApplicationProperties),
            MessageId = message.Properties?.GetMessageId()?.ToString(),
            SessionId = message.Properties?.GroupId,
            CorrelationId = message.Properties?.GetCorrelationId()?.ToString(),
            ContentType = message.Properties?.ContentType?.ToString(),
            Subject = message.Properties?.Subject,
            // The wire carries (count − 1) on deliveries (spec §4.4); the port reports the Service Bus count.
            DeliveryCount = peeked ? headerCount : headerCount + 1,
            EnqueuedTime = annotations?[EnqueuedTimeKey] is DateTime enqueued ? ToOffset(enqueued) : DateTimeOffset.MinValue,
            SequenceNumber = annotations?[SequenceNumberKey] is long sequence ? sequence : 0,
            LockedUntil = lockedUntil,
            LockToken = (deliveryTag ?? message.DeliveryTag) is { Length: 16 } tag ? new Guid(tag) : Guid.Empty,
            SettlementHandle = handle,
        };
    }

    /// <summary>Bytes of body data (all sections of a batch), for cheap size pre-checks.</summary>
    public static long BodyLength(Message message)
    {
        switch (message.BodySection)
        {
            case Data data:
                return data.Binary?.Length ?? data.Buffer?.Length ?? 0;
            case DataList list:
                long total = 0;
                for (var i = 0; i < list.Count; i++)
                {
                    total += list[i].Binary?.Length ?? 0;
                }

                return total;
            default:
                return 0;
        }
    }

    public static DateTimeOffset ToOffset(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static ReadOnlyMemory<byte> BodyBytes(Message message) => message.BodySection switch
    {
        Data data => data.Binary ?? [],
        DataList list when list.Count > 0 => Concat(list),
        AmqpValue { Value: byte[] bytes } => bytes,
        AmqpValue { Value: string text } => System.Text.Encoding.UTF8.GetBytes(text),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    private static byte[] Concat(DataList list)
    {
        using var stream = new MemoryStream();
        for (var i = 0; i < list.Count; i++)
        {
            stream.Write(list[i].Binary ?? []);
        }

        return stream.ToArray();
    }

    private static Dictionary<string, object?> ReadProperties(ApplicationProperties? properties)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (properties?.Map is { } map)
        {
            foreach (var key in map.Keys)
            {
                var value = map[key];
                result[key.ToString() ?? string.Empty] = value switch
                {
                    DateTime dt => ToOffset(dt),
                    DescribedValue { Value: long ticks } d when TimeSpanDescriptor.Equals(d.Descriptor) => TimeSpan.FromTicks(ticks),
                    DescribedValue { Value: string text } d when UriDescriptor.Equals(d.Descriptor) => new Uri(text, UriKind.RelativeOrAbsolute),
                    _ => value,
                };
            }
        }

        return result;
    }

    private static readonly Symbol TimeSpanDescriptor = new("com.microsoft:timespan");
    private static readonly Symbol UriDescriptor = new("com.microsoft:uri");

    // TimeSpan and Uri travel as the described types the .NET SDK uses, so its receivers read them back typed.
    private static object? ToAmqpValue(object? value) => value switch
    {
        TimeSpan span => new DescribedValue(TimeSpanDescriptor, span.Ticks),
        Uri uri => new DescribedValue(UriDescriptor, uri.ToString()),
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime dt => dt.ToUniversalTime(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        Enum e => e.ToString(),
        _ => value,
    };
}
