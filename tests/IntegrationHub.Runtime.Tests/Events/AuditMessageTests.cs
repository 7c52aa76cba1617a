using System.Text;
using System.Text.Json;
using IntegrationHub.Runtime.Events;

namespace IntegrationHub.Runtime.Tests.Events;

/// <summary>The audit queue's JSON body: the dimensions in order, escaped exactly as the default serializer does.</summary>
public sealed class AuditMessageTests
{
    [Fact]
    public void Body_is_the_dimensions_object_the_default_serializer_would_write()
    {
        var hubEvent = new HubEvent("phw-to-mpi", "phw-server", HubEventType.MessageFailed, new DateTimeOffset(2026, 12, 5, 10, 30, 0, TimeSpan.Zero),
            "MSH|^~\\&|<A&B>|\"quoted\"|Ysbyty Gwynedd – Bangor|Zoë\r", "Validation <failed> & 'why'", null, "corr-1", "MSG001", "0af7651916cd43dd8448eb211c80319c", null);

        var message = AuditQueueSink.ToMessage(hubEvent);

        var expected = JsonSerializer.SerializeToUtf8Bytes(hubEvent.Dimensions().ToDictionary(d => d.Key, d => d.Value));
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("corr-1", message.CorrelationId);
        using var json = JsonDocument.Parse(message.Body);
        Assert.Equal("MSG001", json.RootElement.GetProperty("control_id").GetString());
        Assert.False(json.RootElement.TryGetProperty("error_details", out _));
    }
}
