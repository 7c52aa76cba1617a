using IntegrationHub.AppHost.Dashboard.Journey;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Dashboard.Tests;

public sealed class JourneyStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "journey-test-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);

    private JourneyStore Open(JourneyRetention? retention = null) => new(Path.Combine(_directory, "journey.db"), retention, _time);

    private static AuditEvent Event(string controlId, string service, string type, double secondsAfterStart, string workflow = "phw-to-mpi") =>
        new(controlId, workflow, service, type, Start.AddSeconds(secondsAfterStart), "MSH|^~\\&|***", null, null, "corr-" + controlId);

    [Fact]
    public void A_message_s_events_come_back_in_time_order_whatever_order_they_arrived_in()
    {
        using var store = Open();
        store.AddEvents([Event("A1", "sender", "MESSAGE_SENT", 0.9), Event("B1", "server", "MESSAGE_RECEIVED", 0.1)]);
        store.AddEvents([Event("A1", "server", "MESSAGE_RECEIVED", 0.0), Event("A1", "transformer", "MESSAGE_PROCESSED", 0.4)]);

        var events = store.EventsOf("A1");

        Assert.Equal(["server", "transformer", "sender"], events.Select(e => e.MicroserviceId));
        Assert.Equal(Start.AddSeconds(0.4), events[1].Timestamp);
        Assert.Equal("corr-A1", events[2].CorrelationId);
        Assert.Empty(store.EventsOf("nobody"));
    }

    [Fact]
    public void Stored_messages_are_found_by_their_control_id()
    {
        using var store = Open();
        store.AddMessages([
            new StoredMessage("A1", "c1", "phw_hl7_server", "252", "MPI", "2026-03-01T12:00:00.000000+00:00", "MSH|^~\\&|received"),
            new StoredMessage("A1", "c1", "phw_hl7_sender", "252", "MPI", "2026-03-01T12:00:00.000000+00:00", "MSH|^~\\&|sent"),
            new StoredMessage("B1", "c2", "phw_hl7_server", "252", "MPI", "2026-03-01T12:00:00.000000+00:00", "MSH|^~\\&|other"),
        ]);

        var messages = store.MessagesOf("A1");

        Assert.Equal(["MSH|^~\\&|received", "MSH|^~\\&|sent"], messages.Select(m => m.RawPayload));
    }

    [Fact]
    public void Recent_messages_say_how_far_each_got()
    {
        using var store = Open();
        store.AddEvents([
            Event("DELIVERED", "server", "MESSAGE_RECEIVED", 0), Event("DELIVERED", "sender", "MESSAGE_SENT", 1),
            Event("REFUSED", "server", "VALIDATION_FAILED", 2),
            Event("WAITING", "server", "MESSAGE_RECEIVED", 3),
        ]);

        var recent = store.Recent(10).ToDictionary(r => r.ControlId, r => r.Status);

        Assert.Equal("delivered", recent["DELIVERED"]);
        Assert.Equal("failed", recent["REFUSED"]);
        Assert.Equal("in progress", recent["WAITING"]);
        Assert.Equal("WAITING", store.Recent(1).Single().ControlId);
    }

    [Fact]
    public void Traffic_counts_deliveries_per_second_and_their_end_to_end_latency()
    {
        using var store = Open();
        _time.Advance(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 10; i++)
        {
            // Message i takes (i + 1) * 100 ms from its first event to MESSAGE_SENT.
            store.AddEvents([Event($"M{i}", "server", "MESSAGE_RECEIVED", 10 + i), Event($"M{i}", "sender", "MESSAGE_SENT", 10 + i + ((i + 1) * 0.1))]);
        }

        store.AddEvents([Event("X", "server", "VALIDATION_FAILED", 30, "paris-to-mpi")]);

        var traffic = store.Traffic(TimeSpan.FromSeconds(60)).ToDictionary(t => t.WorkflowId);

        var phw = traffic["phw-to-mpi"];
        Assert.Equal(10, phw.Delivered);
        Assert.Equal(10 / 60.0, phw.DeliveredPerSecond, 6);
        Assert.Equal(10 / 60.0, phw.ReceivedPerSecond, 6);
        Assert.Equal(500, phw.LatencyP50Ms!.Value, 0);
        Assert.Equal(1000, phw.LatencyP95Ms!.Value, 0);
        Assert.Equal(0, phw.Failed);
        Assert.Equal(1, traffic["paris-to-mpi"].Failed);
        Assert.Null(traffic["paris-to-mpi"].LatencyP50Ms);
    }

    [Fact]
    public void Events_older_than_the_age_limit_are_pruned()
    {
        using var store = Open(new JourneyRetention(TimeSpan.FromDays(7), 100_000));
        store.AddEvents([Event("OLD", "server", "MESSAGE_RECEIVED", 0)]);
        _time.Advance(TimeSpan.FromDays(8));
        store.AddEvents([Event("NEW", "server", "MESSAGE_RECEIVED", 0)]);

        store.Prune();

        Assert.Empty(store.EventsOf("OLD"));
        Assert.Single(store.EventsOf("NEW"));
    }

    [Fact]
    public void The_store_keeps_at_most_the_row_limit_dropping_the_oldest_as_it_writes()
    {
        using var store = Open(new JourneyRetention(TimeSpan.FromDays(7), 50) { PruneEvery = 10 });
        for (var batch = 0; batch < 20; batch++)
        {
            store.AddEvents([.. Enumerable.Range(0, 10).Select(i => Event($"B{batch}-{i}", "server", "MESSAGE_RECEIVED", batch))]);
        }

        Assert.Equal(50, store.EventCount);
        Assert.Empty(store.EventsOf("B0-0"));
        Assert.Single(store.EventsOf("B19-9"));
    }

    [Fact]
    public void The_store_survives_a_restart()
    {
        using (var store = Open())
        {
            store.AddEvents([Event("KEPT", "server", "MESSAGE_RECEIVED", 0)]);
        }

        using var reopened = Open();
        Assert.Single(reopened.EventsOf("KEPT"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
