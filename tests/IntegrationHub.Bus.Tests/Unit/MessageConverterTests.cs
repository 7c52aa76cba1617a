using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Amqp;

namespace IntegrationHub.Bus.Tests.Unit;

public class MessageConverterTests
{
    [Fact]
    public void Outgoing_fields_map_to_the_service_bus_sections()
    {
        var at = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var amqp = MessageConverter.ToAmqp(new OutgoingMessage("body"u8.ToArray())
        {
            MessageId = "M1",
            SessionId = "S1",
            CorrelationId = "C1",
            ContentType = "text/plain",
            Subject = "ADT^A01",
            TimeToLive = TimeSpan.FromMinutes(5),
            ScheduledEnqueueTime = at,
            ApplicationProperties = { ["workflow_id"] = "phw", ["n"] = 7L },
        });

        Assert.Equal("M1", amqp.Properties.MessageId);
        Assert.Equal("S1", amqp.Properties.GroupId); // SessionId travels as group-id
        Assert.Equal("C1", amqp.Properties.CorrelationId);
        Assert.Equal(new Symbol("text/plain"), amqp.Properties.ContentType);
        Assert.Equal("ADT^A01", amqp.Properties.Subject);
        Assert.Equal(300_000u, amqp.Header.Ttl);
        Assert.Equal(at.UtcDateTime, amqp.MessageAnnotations[new Symbol("x-opt-scheduled-enqueue-time")]);
        Assert.Equal("phw", amqp.ApplicationProperties["workflow_id"]);
        Assert.Equal("body"u8.ToArray(), ((Data)amqp.BodySection).Binary);
    }

    [Fact]
    public void Batch_is_one_transfer_of_encoded_messages_with_the_first_ids_on_the_envelope()
    {
        var batch = MessageConverter.ToBatch([
            new OutgoingMessage("a"u8.ToArray()) { MessageId = "A", SessionId = "S" },
            new OutgoingMessage("b"u8.ToArray()) { MessageId = "B", SessionId = "S" },
        ]);

        Assert.Equal(0x80013700u, batch.Format);
        Assert.Equal("A", batch.Properties.MessageId);
        Assert.Equal("S", batch.Properties.GroupId);
        var sections = (DataList)batch.BodySection;
        Assert.Equal(2, sections.Count);
        var inner = MessageConverter.Decode(sections[1].Binary);
        Assert.Equal("B", inner.Properties.MessageId);
    }

    [Fact]
    public void Received_message_reads_lock_token_counts_and_annotations()
    {
        var token = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var enqueued = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var locked = enqueued.AddMinutes(1);
        var wire = MessageConverter.ToAmqp(new OutgoingMessage("x"u8.ToArray()) { MessageId = "M", SessionId = "S" });
        wire.Header.DeliveryCount = 2; // the wire carries count − 1
        wire.MessageAnnotations = new MessageAnnotations();
        wire.MessageAnnotations[new Symbol("x-opt-sequence-number")] = 42L;
        wire.MessageAnnotations[new Symbol("x-opt-enqueued-time")] = enqueued;
        wire.MessageAnnotations[new Symbol("x-opt-locked-until")] = locked;
        var received = MessageConverter.Decode(MessageConverter.Encode(wire));

        var m = MessageConverter.FromAmqp(received, null, null, deliveryTag: token.ToByteArray());

        Assert.Equal(token, m.LockToken);
        Assert.Equal(3, m.DeliveryCount);
        Assert.Equal(42L, m.SequenceNumber);
        Assert.Equal(new DateTimeOffset(enqueued), m.EnqueuedTime);
        Assert.Equal(new DateTimeOffset(locked), m.LockedUntil);
        Assert.Equal("S", m.SessionId);
        Assert.Equal("x", m.BodyAsString());

        Assert.Equal(2, MessageConverter.FromAmqp(received, null, null, peeked: true).DeliveryCount);
    }

    [Fact]
    public void Current_trace_context_is_added_unless_the_caller_set_one()
    {
        using var activity = new System.Diagnostics.Activity("send").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();

        var injected = MessageConverter.ToAmqp(new OutgoingMessage("x"u8.ToArray()));
        Assert.Equal(activity.Id, injected.ApplicationProperties["traceparent"]);

        var own = MessageConverter.ToAmqp(new OutgoingMessage("x"u8.ToArray()) { ApplicationProperties = { ["traceparent"] = "00-mine-01" } });
        Assert.Equal("00-mine-01", own.ApplicationProperties["traceparent"]);
    }

    [Fact]
    public void TimeSpan_and_uri_properties_survive_the_wire_typed()
    {
        var wire = MessageConverter.ToAmqp(new OutgoingMessage("x"u8.ToArray())
        {
            ApplicationProperties = { ["ttl"] = TimeSpan.FromMinutes(3), ["link"] = new Uri("https://example.org/a"), ["at"] = DateTimeOffset.UnixEpoch },
        });

        var m = MessageConverter.FromAmqp(MessageConverter.Decode(MessageConverter.Encode(wire)), null, null);

        Assert.Equal(TimeSpan.FromMinutes(3), m.ApplicationProperties["ttl"]);
        Assert.Equal(new Uri("https://example.org/a"), m.ApplicationProperties["link"]);
        Assert.Equal(DateTimeOffset.UnixEpoch, m.ApplicationProperties["at"]);
    }

    [Fact]
    public void Missing_header_means_first_delivery_and_string_values_become_bytes()
    {
        var message = new Message("hello");
        var m = MessageConverter.FromAmqp(message, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(1, m.DeliveryCount);
        Assert.Equal("hello", m.BodyAsString());
        Assert.Equal(DateTimeOffset.UnixEpoch, m.LockedUntil); // session lock when the annotation is absent
    }
}
