using IntegrationHub.Bus.Emulator.Engine;
using IntegrationHub.Bus.Emulator.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>
/// The store's leader/follower group commit: an operation completes (a send is accepted) only once its transaction
/// is committed; operations that arrive while a commit runs share the next one, and a failed commit fails each
/// of them; a stop still commits what was queued before it.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
    private MessageStore _store = null!;
    private EntityStorage _entity = null!;
    private bool _disposed;

    public Task InitializeAsync()
    {
        _store = MessageStore.Open(_dir, NullLogger.Instance);
        _entity = _store.LoadEntity("q", duplicateDetection: false, TimeSpan.Zero, []);
        _store.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!_disposed)
        {
            await _store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task An_insert_completes_only_after_its_row_is_committed()
    {
        var visibleAtCompletion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var record = NewRecord();
        _store.Enqueue(new InsertOp([(_entity, record)], [null], (_, error) =>
        {
            Assert.Null(error);

            // Another connection sees only committed data: the row must already be there when the send is accepted.
            visibleAtCompletion.TrySetResult(CountRows(_entity.StorageKey(record.Seq)));
        }));

        Assert.Equal(1, await visibleAtCompletion.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task Operations_queued_during_a_commit_share_the_next_one_and_all_fail_when_it_fails()
    {
        using var blocking = new ManualResetEventSlim();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Enqueue(new ActionOp(_ =>
        {
            running.TrySetResult();
            blocking.Wait(Patience);
        }, error => first.TrySetResult(error)));
        await running.Task.WaitAsync(Patience);

        // The leader is inside the first commit: everything below waits for the next one, together.
        var records = new List<MessageRecord>();
        var outcomes = new List<Task<Exception?>>();
        for (var i = 0; i < 3; i++)
        {
            outcomes.Add(Insert(records));
        }

        var failing = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Enqueue(new ActionOp(_ => throw new InvalidOperationException("disk full"), error => failing.TrySetResult(error)));
        outcomes.Add(failing.Task);
        outcomes.Add(Insert(records));
        blocking.Set();

        Assert.Null(await first.Task.WaitAsync(Patience));
        foreach (var outcome in outcomes)
        {
            Assert.NotNull(await outcome.WaitAsync(Patience));
        }

        foreach (var record in records)
        {
            Assert.Equal(0, CountRows(_entity.StorageKey(record.Seq)));
        }

        // The store carries on after a failed commit.
        var next = new List<MessageRecord>();
        Assert.Null(await Insert(next).WaitAsync(Patience));
        Assert.Equal(1, CountRows(_entity.StorageKey(next[0].Seq)));
    }

    [Fact]
    public async Task Stopping_commits_what_was_queued_before_the_stop()
    {
        using var blocking = new ManualResetEventSlim();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Enqueue(new ActionOp(_ =>
        {
            running.TrySetResult();
            blocking.Wait(Patience);
        }, null));
        await running.Task.WaitAsync(Patience);
        var records = new List<MessageRecord>();
        var queued = Insert(records);

        _disposed = true;
        var stopping = _store.DisposeAsync().AsTask();
        var late = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Enqueue(new ActionOp(_ => { }, error => late.TrySetResult(error)));
        Assert.IsType<ObjectDisposedException>(await late.Task.WaitAsync(Patience));
        Assert.False(stopping.IsCompleted, "the store stopped while a commit was still running");

        blocking.Set();
        await stopping.WaitAsync(Patience);
        Assert.Null(await queued.WaitAsync(Patience));
        Assert.Equal(1, CountRows(_entity.StorageKey(records[0].Seq)));
    }

    private Task<Exception?> Insert(List<MessageRecord> records)
    {
        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var record = NewRecord();
        records.Add(record);
        _store.Enqueue(new InsertOp([(_entity, record)], [null], (_, error) => done.TrySetResult(error)));
        return done.Task;
    }

    private static MessageRecord NewRecord() => new()
    {
        EnqueuedMs = MessagingEntity.Now(),
        ExpiresMs = MessagingEntity.Now() + 60_000,
        Body = new byte[64],
    };

    private long CountRows(long id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dir, "broker.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM messages WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)command.ExecuteScalar()!;
    }
}
