using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Engine;
using IntegrationHub.Bus.Emulator.Storage;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// Turns received messages into stored records: validates them, fans topic messages out to matching
/// subscriptions, hands the inserts to the group-commit writer and makes them visible once committed.
/// </summary>
internal sealed class SendPath(MessageStore store, int maxMessageSize)
{
    public static readonly Symbol SizeExceeded = new("amqp:link:message-size-exceeded");

    /// <summary>
    /// Submits messages for one target (a queue or a topic). <paramref name="done"/> runs on the committing thread after
    /// the commit, with the error to reject with (null = accepted) and the stored records (sequence numbers set).
    /// </summary>
    public void Submit(MessagingEntity? queue, TopicEntity? topic, IReadOnlyList<byte[]> messages, Action<Error?, List<MessageRecord>> done)
    {
        var items = new List<(EntityStorage Entity, MessageRecord Record)>(messages.Count);
        var messageIds = new List<string?>(messages.Count);
        var owners = new List<MessagingEntity>(messages.Count);
        var now = MessagingEntity.Now();
        foreach (var raw in messages)
        {
            if (raw.Length > maxMessageSize)
            {
                done(new Error(SizeExceeded) { Description = $"The message of {raw.Length} bytes exceeds the limit of {maxMessageSize} bytes." }, []);
                return;
            }

            var parsed = MessageCodec.Parse(raw, withBody: false);
            if (queue is not null)
            {
                if (Validate(queue, parsed) is { } error)
                {
                    done(error, []);
                    return;
                }

                items.Add((queue.Storage, NewRecord(queue, parsed, raw, now)));
                messageIds.Add(parsed.Properties?.GetMessageId()?.ToString());
                owners.Add(queue);
                continue;
            }

            foreach (var (subscription, rules) in topic!.Subscriptions)
            {
                if (!TopicEntity.Matches(rules, parsed))
                {
                    continue;
                }

                if (Validate(subscription, parsed) is { } error)
                {
                    done(error, []);
                    return;
                }

                items.Add((subscription.Storage, NewRecord(subscription, parsed, raw, now)));
                messageIds.Add(parsed.Properties?.GetMessageId()?.ToString());
                owners.Add(subscription);
            }
        }

        if (items.Count == 0)
        {
            done(null, []);
            return;
        }

        store.Enqueue(new InsertOp(items, messageIds, (op, failure) =>
        {
            var records = new List<MessageRecord>(op.Items.Count);
            if (failure is null)
            {
                Publish(owners, op.Items);
                foreach (var (_, record) in op.Items)
                {
                    records.Add(record);
                }
            }

            done(failure is null ? null : new Error(ErrorCode.InternalError) { Description = "The message could not be stored." }, records);
        }));
    }

    private static void Publish(List<MessagingEntity> owners, IReadOnlyList<(EntityStorage Entity, MessageRecord Record)> items)
    {
        if (owners.Count == 1 || AllSame(owners))
        {
            var list = new List<MessageRecord>(items.Count);
            foreach (var (_, record) in items)
            {
                list.Add(record);
            }

            var entity = owners[0];
            entity.Post(() => entity.OnCommitted(list));
            return;
        }

        var byEntity = new Dictionary<MessagingEntity, List<MessageRecord>>();
        for (var i = 0; i < owners.Count; i++)
        {
            if (!byEntity.TryGetValue(owners[i], out var list))
            {
                byEntity[owners[i]] = list = [];
            }

            list.Add(items[i].Record);
        }

        foreach (var (entity, list) in byEntity)
        {
            entity.Post(() => entity.OnCommitted(list));
        }
    }

    private static bool AllSame(List<MessagingEntity> owners)
    {
        for (var i = 1; i < owners.Count; i++)
        {
            if (!ReferenceEquals(owners[i], owners[0]))
            {
                return false;
            }
        }

        return true;
    }

    private static Error? Validate(MessagingEntity entity, ParsedMessage parsed)
    {
        if (entity.Settings.RequiresSession && string.IsNullOrEmpty(parsed.Properties?.GroupId))
        {
            return new Error(ErrorCode.NotAllowed)
            {
                Description = $"The SessionId was not set on a message, and it cannot be sent to the session-enabled entity '{entity.Name}'.",
            };
        }

        return null;
    }

    private static MessageRecord NewRecord(MessagingEntity entity, ParsedMessage parsed, byte[] raw, long now)
    {
        var ttl = (long)entity.Settings.DefaultMessageTimeToLive.TotalMilliseconds;
        if (parsed.Header is { } header && header.HasField(2) && header.Ttl > 0 && header.Ttl < ttl)
        {
            ttl = header.Ttl;
        }

        long scheduled = 0;
        if (parsed.Annotations?.Map.TryGetValue(MessageCodec.ScheduledEnqueueTime, out var when) == true && when is DateTime at)
        {
            scheduled = MessageCodec.ToUnixMs(at);
        }

        var sessionId = parsed.Properties?.GroupId;
        return new MessageRecord
        {
            SessionId = sessionId is null ? null : string.Intern(sessionId),
            EnqueuedMs = now,
            ExpiresMs = Math.Max(now, scheduled) + ttl,
            ScheduledMs = scheduled > now ? scheduled : 0,
            Body = raw,
        };
    }
}
