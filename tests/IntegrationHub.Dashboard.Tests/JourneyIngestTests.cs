using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Runtime.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Dashboard.Tests;

/// <summary>The journey ingest against a real broker: a failing journey database does not end it for the rest of the run.</summary>
public sealed class JourneyIngestTests : IAsyncLifetime
{
    private const string Audit = "journey-audit";
    private readonly string _directory = Directory.CreateTempSubdirectory("hub-journey-ingest-").FullName;
    private EmbeddedBroker _broker = null!;

    public async Task InitializeAsync()
    {
        var config = new BrokerConfig().WithQueue(Audit, new QueueSettings { LockDuration = TimeSpan.FromSeconds(2), MaxDeliveryCount = 100 });
        _broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = Path.Combine(_directory, "broker"), Config = config });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Events_that_could_not_be_stored_arrive_once_the_database_works_again()
    {
        var path = Path.Combine(_directory, "journey.db");
        using var store = new JourneyStore(path);
        await using var bus = BusClientFactory.Create(new BusClientOptions { ConnectionString = _broker.ConnectionString });
        await using var ingest = new JourneyIngest(bus, store, () => true, NullLogger.Instance);

        // Another hand takes the events table away: every insert fails until it is back.
        using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        other.Open();
        Execute(other, "ALTER TABLE events RENAME TO events_away");
        ingest.Start(Audit, null);
        await using (var sender = bus.CreateSender(Audit))
        {
            await sender.SendAsync(Assert.Single(AuditBatch.Pack([Event("J-1")])).Message);
        }

        // Long enough for the ingest to receive the message and fail to store it (it retries every 2 s).
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(Query(other, "events_away"));
        Execute(other, "ALTER TABLE events_away RENAME TO events");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (store.EventsOf("J-1").Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the ingest did not recover once the database worked again");
            await Task.Delay(200);
        }

        Assert.Equal("MESSAGE_RECEIVED", Assert.Single(store.EventsOf("J-1")).EventType);
    }

    private static HubEvent Event(string controlId) =>
        new("test-flow", "test_server", HubEventType.MessageReceived, DateTimeOffset.UtcNow, "MSH|^~\\&|***", null, null, null, controlId, null, null);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT control_id FROM {table}";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
