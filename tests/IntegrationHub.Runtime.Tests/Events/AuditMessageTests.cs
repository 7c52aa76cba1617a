using System.Text;
using System.Text.Json;
using IntegrationHub.Runtime.Events;

namespace IntegrationHub.Runtime.Tests.Events;

/// <summary>The audit queue's body: events packed into a JSON array, each the object the default serializer would write.</summary>
public sealed class AuditMessageTests
{
    private static HubEvent Event(string controlId, string content = "MSH|^~\\&|***") =>
        new("phw-to-mpi", "phw-server", HubEventType.MessageReceived, new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.Zero),
            content, null, null, "corr-" + controlId, controlId, null, null);

    [Fact]
    public void One_event_is_the_dimensions_object_the_default_serializer_would_write()
    {
        var hubEvent = new HubEvent("phw-to-mpi", "phw-server", HubEventType.MessageFailed, new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.Zero),
            "MSH|^~\\&|<A&B>|\"quoted\"|Ysbyty Gwynedd – Bangor|Zoë\r", "Validation <failed> & 'why'", null, "corr-1", "MSG001", "0af7651916cd43dd8448eb211c80319c", null);

        var json = AuditBatch.ToJson(hubEvent);

        var expected = JsonSerializer.SerializeToUtf8Bytes(hubEvent.Dimensions().ToDictionary(d => d.Key, d => d.Value));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(json));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("MSG001", document.RootElement.GetProperty("control_id").GetString());
        Assert.False(document.RootElement.TryGetProperty("error_details", out _));
    }

    [Fact]
    public void Waiting_events_travel_in_one_message_as_an_array_in_their_order()
    {
        var events = Enumerable.Range(1, 5).Select(i => Event($"C{i}")).ToList();

        var packed = Assert.Single(AuditBatch.Pack(events));

        Assert.Equal(5, packed.EventCount);
        Assert.Equal(5, packed.Message.ApplicationProperties[AuditBatch.EventCountProperty]);
        Assert.Equal("application/json", packed.Message.ContentType);
        Assert.Equal(AuditBatch.Subject, packed.Message.Subject);
        var expected = "[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(AuditBatch.ToJson(e)))) + "]";
        Assert.Equal(expected, Encoding.UTF8.GetString(packed.Message.Body.Span));
    }

    [Fact]
    public void The_size_limit_splits_the_events_across_messages_without_losing_or_reordering_any()
    {
        var events = Enumerable.Range(1, 40).Select(i => Event($"C{i}", new string('x', 100 + (i * 7)))).ToList();
        const int limit = 1_000;

        var packed = AuditBatch.Pack(events, limit);

        Assert.True(packed.Count > 1);
        Assert.All(packed, p => Assert.True(p.Message.Body.Length <= limit, $"{p.Message.Body.Length} bytes"));
        var controlIds = packed.SelectMany(p => ControlIds(p.Message.Body)).ToList();
        Assert.Equal(events.Select(e => e.ControlId), controlIds);
        Assert.Equal(packed.Select(p => ControlIds(p.Message.Body).Count), packed.Select(p => p.EventCount));
    }

    [Fact]
    public void An_event_larger_than_the_limit_travels_alone_between_its_neighbours()
    {
        var events = new[] { Event("SMALL1"), Event("HUGE", new string('x', 5_000)), Event("SMALL2") };

        var packed = AuditBatch.Pack(events, 2_000);

        Assert.Equal([["SMALL1"], ["HUGE"], ["SMALL2"]], packed.Select(p => ControlIds(p.Message.Body)));
    }

    [Fact]
    public void No_events_make_no_message() => Assert.Empty(AuditBatch.Pack([]));

    private static List<string?> ControlIds(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("control_id").GetString())];
    }
}
