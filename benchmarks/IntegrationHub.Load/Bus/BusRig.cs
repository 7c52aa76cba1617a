using System.Globalization;
using System.Net.Http.Json;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Bus.Emulator;
using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Load.Probes;

namespace IntegrationHub.Load.Bus;

/// <summary>
/// What every bus scenario shares: the disk's commit rate, a real embedded broker on 127.0.0.1 (in this process)
/// with its admin API for counts, our AMQP client against it, and ~1 KB messages.
/// </summary>
internal static class BusRig
{
    public const string Queue = "load";
    public const string SessionQueue = "load-sessions";

    /// <summary>The reference every durable-path number is compared with; measured before the broker runs.</summary>
    public static double ReportCommitRate(LoadContext context, string when = "measured before the run")
    {
        var rate = SqliteCommitRate.Measure(context.DataDirectory, context.Seconds("fsync-seconds", 5));
        LoadContext.Report($"SQLite commits/s (fsync-bound), {when}", rate, "commits/s", $"load {LoadAverage()}");
        return rate;
    }

    public static BrokerConfig Config => new BrokerConfig()
        .WithQueue(Queue, new QueueSettings { LockDuration = TimeSpan.FromMinutes(5), DefaultMessageTimeToLive = TimeSpan.FromDays(1) })
        .WithQueue(SessionQueue, new QueueSettings
        {
            LockDuration = TimeSpan.FromMinutes(5),
            DefaultMessageTimeToLive = TimeSpan.FromDays(1),
            RequiresSession = true,
        });

    public static Task<EmbeddedBroker> StartBrokerAsync(LoadContext context, CancellationToken cancellationToken) =>
        EmbeddedBroker.StartAsync(new BrokerOptions
        {
            Port = 0,
            AdminPort = 0,
            DataDirectory = context.NewFolder("broker"),
            Config = Config,
        }, cancellationToken);

    public static IBusClient CreateClient(string connectionString) => BusClientFactory.Create(new BusClientOptions
    {
        ConnectionString = connectionString,
        OperationTimeout = TimeSpan.FromMinutes(2),
    });

    public static string ConnectionString(int port) =>
        $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName={BrokerOptions.DefaultKeyName};SharedAccessKey={BrokerOptions.DefaultKey};UseDevelopmentEmulator=true";

    /// <summary>A ~1 KB message (the size of a typical ADT) carrying its number, so order can be checked on receipt.</summary>
    public static OutgoingMessage Message(long number, string? sessionId, int size)
    {
        var body = new byte[size];
        body.AsSpan().Fill((byte)'x');
        BitConverter.TryWriteBytes(body, number);
        return new OutgoingMessage(body) { SessionId = sessionId, MessageId = number.ToString(CultureInfo.InvariantCulture) };
    }

    public static long NumberOf(ReceivedMessage message) => BitConverter.ToInt64(message.Body.Span);

    /// <summary>Active (unlocked) plus locked messages of an entity, read through the broker's admin API.</summary>
    public static async Task<long> StoredCountAsync(HttpClient admin, string entity, CancellationToken cancellationToken)
    {
        var entities = await admin.GetFromJsonAsync<List<EntityCount>>("/api/entities", cancellationToken).ConfigureAwait(false);
        var found = entities!.Single(e => string.Equals(e.Name, entity, StringComparison.OrdinalIgnoreCase));
        return found.Active + found.Locked + found.Scheduled;
    }

    /// <summary>
    /// Preloads (not measured): <paramref name="perSession"/> messages numbered 0.. into each session, one sender per
    /// session sending awaited batches one after another, so each session's stored order is its numbering.
    /// </summary>
    public static async Task FillAsync(IBusClient client, string entity, IReadOnlyList<string> sessions, long perSession, int size, CancellationToken cancellationToken)
    {
        const int batch = 200;
        var workers = sessions.Select(async session =>
        {
            await using var sender = client.CreateSender(entity);
            var messages = new List<OutgoingMessage>(batch);
            for (long start = 0; start < perSession; start += batch)
            {
                messages.Clear();
                for (var i = start; i < Math.Min(perSession, start + batch); i++)
                {
                    messages.Add(Message(i, session, size));
                }

                await sender.SendBatchAsync(messages, cancellationToken).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record EntityCount(string Name, long Active, long Scheduled, long DeadLetter, long Locked);
}
