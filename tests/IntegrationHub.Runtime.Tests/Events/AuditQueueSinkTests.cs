using IntegrationHub.Runtime.Events;
using IntegrationHub.Runtime.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Runtime.Tests.Events;

/// <summary>The audit sink against a real broker: bounded, drops the oldest when full, counts the drops, keeps order.</summary>
public sealed class AuditQueueSinkTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const int Capacity = 10_000;

    [Fact]
    public async Task Past_its_capacity_the_sink_drops_the_oldest_events_counts_them_and_sends_the_rest_in_order()
    {
        using var sink = new AuditQueueSink(broker.Client, BrokerFixture.Audit, NullLogger<AuditQueueSink>.Instance);

        // Not started yet: nothing drains the queue, as when the bus is slower than the events.
        for (var i = 0; i < Capacity + 7; i++)
        {
            sink.Publish(Event(i));
        }

        Assert.Equal(7, sink.Dropped);
        await sink.StartAsync(CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);

        var controlIds = (await broker.DrainAuditEventsAsync()).Select(e => e.GetProperty("control_id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(7, Capacity).Select(i => $"C{i}"), controlIds);
    }

    private static HubEvent Event(int i) =>
        new("test-flow", "test_server", HubEventType.MessageReceived, DateTimeOffset.UtcNow, "MSH|^~\\&|***", null, null, null, $"C{i}", null, null);
}
