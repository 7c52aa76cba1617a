using IntegrationHub.Bus.Emulator.Configuration;
using IntegrationHub.Bus.Emulator.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>The broker without its network front: entities, topics, the store and the periodic tick.</summary>
internal sealed class BrokerCore : IAsyncDisposable
{
    private readonly Dictionary<string, MessagingEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TopicEntity> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly Timer _ticker;
    private int _ticks;

    private BrokerCore(MessageStore store, BrokerOptions options)
    {
        Store = store;
        Options = options;
        _ticker = new Timer(_ => Tick(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public MessageStore Store { get; }
    public BrokerOptions Options { get; }
    public IReadOnlyDictionary<string, MessagingEntity> Entities => _entities;
    public IReadOnlyDictionary<string, TopicEntity> Topics => _topics;

    public static BrokerCore Open(BrokerOptions options, ILoggerFactory loggers)
    {
        var store = MessageStore.Open(options.DataDirectory, loggers.CreateLogger("IntegrationHub.Bus.Emulator.Store"));
        var core = new BrokerCore(store, options);
        try
        {
            core.CreateEntities(loggers);
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        store.Start();
        foreach (var entity in core._entities.Values)
        {
            entity.StartLoop();
        }

        var interval = (int)options.TickInterval.TotalMilliseconds;
        core._ticker.Change(interval, interval);
        return core;
    }

    private void CreateEntities(ILoggerFactory loggers)
    {
        var options = Options;
        var budget = new MemoryBudget(options.MessageCacheBytes);
        var logger = loggers.CreateLogger("IntegrationHub.Bus.Emulator.Entity");
        foreach (var queue in options.Config.Queues)
        {
            _entities[queue.Name] = CreateEntity(queue.Name, queue.Settings, queue.Settings.RequiresDuplicateDetection,
                queue.Settings.DuplicateDetectionHistoryTimeWindow, budget, logger);
        }

        foreach (var topic in options.Config.Topics)
        {
            var subs = new List<(MessagingEntity, IReadOnlyList<RuleConfig>)>();
            foreach (var sub in topic.Subscriptions)
            {
                // Topic-level duplicate detection is applied on each subscription's copy: same outcome, one code path.
                var key = $"{topic.Name}/subscriptions/{sub.Name}";
                var settings = sub.Settings with
                {
                    DefaultMessageTimeToLive = sub.Settings.DefaultMessageTimeToLive < topic.DefaultMessageTimeToLive
                        ? sub.Settings.DefaultMessageTimeToLive
                        : topic.DefaultMessageTimeToLive,
                };
                var entity = CreateEntity(key, settings, topic.RequiresDuplicateDetection, topic.DuplicateDetectionHistoryTimeWindow, budget, logger);
                _entities[key] = entity;
                subs.Add((entity, sub.Rules));
            }

            _topics[topic.Name] = new TopicEntity(topic.Name, subs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ticker.DisposeAsync().ConfigureAwait(false);
        foreach (var entity in _entities.Values)
        {
            await entity.StopAsync().ConfigureAwait(false);
        }

        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private MessagingEntity CreateEntity(string key, QueueSettings settings, bool dupes, TimeSpan window, MemoryBudget budget, ILogger logger)
    {
        var records = new List<MessageRecord>();
        var storage = Store.LoadEntity(key, dupes, window, records);
        var entity = new MessagingEntity(key, settings, storage, Store, budget, logger);
        entity.Restore(records);
        return entity;
    }

    private void Tick()
    {
        foreach (var entity in _entities.Values)
        {
            entity.Post(entity.Tick);
        }

        // Duplicate-detection history is pruned every few seconds, by the commit leader that owns it.
        if (++_ticks % 50 == 0)
        {
            foreach (var entity in _entities.Values)
            {
                if (entity.Storage.RequiresDuplicateDetection)
                {
                    var storage = entity.Storage;
                    Store.Enqueue(new ActionOp(w => w.PruneSeen(storage), null));
                }
            }
        }
    }
}
