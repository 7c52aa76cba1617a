using IntegrationHub.Bus.Emulator.Engine;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bus.Emulator.Storage;

internal sealed partial class MessageStore
{
    /// <summary>
    /// The prepared statements of the commit leader. One leader at a time uses it, inside the batch transaction.
    /// </summary>
    internal sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _updateCount;
        private readonly SqliteCommand _moveToDlq;
        private readonly SqliteCommand _updateSeq;
        private readonly SqliteCommand _insertSeen;
        private readonly SqliteCommand _setState;
        private readonly SqliteCommand _clearState;
        /// <summary>
        /// Sequence numbers reserved per entity row write. The row then changes once per this many messages instead of
        /// in every commit: one page less to write and sync per commit; a restart skips at most this many numbers.
        /// </summary>
        internal const long SeqReservation = 4096;

        private readonly HashSet<EntityStorage> _touched = [];
        private readonly List<(EntityStorage Entity, long Reserved)> _reserved = [];
        private readonly List<(EntityStorage Entity, string MessageId)> _seenInBatch = [];
        private long _now;

        public Writer(SqliteConnection connection)
        {
            _connection = connection;
            _insert = Prepare("""
                INSERT INTO messages(id, dlq, session, message_id, enqueued, expires, scheduled, delivery_count, body)
                VALUES($id, $dlq, $session, $mid, $enq, $exp, $sch, $dc, $body)
                """, "$id", "$dlq", "$session", "$mid", "$enq", "$exp", "$sch", "$dc", "$body");
            _delete = Prepare("DELETE FROM messages WHERE id = $id", "$id");
            _updateCount = Prepare("UPDATE messages SET delivery_count = $dc WHERE id = $id", "$id", "$dc");
            _moveToDlq = Prepare("UPDATE messages SET dlq = 1, delivery_count = $dc, body = $body WHERE id = $id", "$id", "$dc", "$body");
            _updateSeq = Prepare("UPDATE entities SET last_seq = $seq WHERE id = $id", "$id", "$seq");
            _insertSeen = Prepare("INSERT OR REPLACE INTO seen_ids(entity, message_id, at) VALUES($e, $mid, $at)", "$e", "$mid", "$at");
            _setState = Prepare("INSERT OR REPLACE INTO session_state(entity, session, state) VALUES($e, $s, $state)", "$e", "$s", "$state");
            _clearState = Prepare("DELETE FROM session_state WHERE entity = $e AND session = $s", "$e", "$s");
        }

        /// <summary>Milliseconds since the Unix epoch, fixed for the batch (duplicate windows use it).</summary>
        public long Now => _now;

        public void Run(List<StoreOp> batch)
        {
            _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var tx = _connection.BeginTransaction();
            foreach (var cmd in new[] { _insert, _delete, _updateCount, _moveToDlq, _updateSeq, _insertSeen, _setState, _clearState })
            {
                cmd.Transaction = tx;
            }

            foreach (var op in batch)
            {
                op.Execute(this);
            }

            foreach (var entity in _touched)
            {
                var reserved = entity.LastSeq + SeqReservation;
                _updateSeq.Parameters[0].Value = entity.Id;
                _updateSeq.Parameters[1].Value = reserved;
                _updateSeq.ExecuteNonQuery();
                _reserved.Add((entity, reserved));
            }

            _touched.Clear();
            tx.Commit();
            foreach (var (entity, reserved) in _reserved)
            {
                entity.ReservedSeq = reserved;
            }

            _reserved.Clear();
            _seenInBatch.Clear();
        }

        /// <summary>
        /// After a failed commit: forget the message ids the batch recorded for duplicate detection, or a client's
        /// retry of a send that was never acknowledged would be dropped as a duplicate.
        /// </summary>
        public void ForgetUncommitted()
        {
            foreach (var (entity, id) in _seenInBatch)
            {
                entity.SeenMessageIds.Remove(id);
            }

            _seenInBatch.Clear();
            _touched.Clear();

            // The reservation did not commit: the next insert reserves again (numbers already used are skipped, never reused).
            _reserved.Clear();
        }

        /// <summary>
        /// Assigns the next sequence number and inserts; a duplicate (when detection is on) is skipped unless
        /// <paramref name="detectDuplicates"/> is false (an operator's resubmit of a dead letter, whose id was seen
        /// when it was first sent: dropping it would lose the message the resubmit removes from the dead-letter queue).
        /// </summary>
        public void Insert(EntityStorage entity, MessageRecord record, string? messageId, bool detectDuplicates = true)
        {
            if (entity.RequiresDuplicateDetection && messageId is { } mid)
            {
                if (detectDuplicates && entity.SeenMessageIds.TryGetValue(mid, out var at) && _now - at < entity.DuplicateWindowMs)
                {
                    record.IsDuplicate = true;
                    return;
                }

                entity.SeenMessageIds[mid] = _now;
                _seenInBatch.Add((entity, mid));
                Bind(_insertSeen, entity.Id, mid, _now);
                _insertSeen.ExecuteNonQuery();
            }

            record.Seq = ++entity.LastSeq;
            if (record.Seq > entity.ReservedSeq)
            {
                _touched.Add(entity);
            }

            Bind(_insert, entity.StorageKey(record.Seq), record.DeadLetter ? 1 : 0, record.SessionId, messageId,
                record.EnqueuedMs, record.ExpiresMs, record.ScheduledMs, record.DeliveryCount, record.Body);
            _insert.ExecuteNonQuery();
        }

        public void Delete(EntityStorage entity, long seq)
        {
            _delete.Parameters[0].Value = entity.StorageKey(seq);
            _delete.ExecuteNonQuery();
        }

        public void UpdateDeliveryCount(EntityStorage entity, long seq, int count)
        {
            Bind(_updateCount, entity.StorageKey(seq), count);
            _updateCount.ExecuteNonQuery();
        }

        public void MoveToDeadLetter(EntityStorage entity, long seq, int count, byte[] body)
        {
            Bind(_moveToDlq, entity.StorageKey(seq), count, body);
            _moveToDlq.ExecuteNonQuery();
        }

        public void ReplaceBody(EntityStorage entity, long seq, byte[] body)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "UPDATE messages SET body = $body WHERE id = $id";
            cmd.Parameters.AddWithValue("$body", body);
            cmd.Parameters.AddWithValue("$id", entity.StorageKey(seq));
            cmd.Transaction = _insert.Transaction;
            cmd.ExecuteNonQuery();
        }

        public void SetSessionState(EntityStorage entity, string session, byte[]? state)
        {
            if (state is null)
            {
                Bind(_clearState, entity.Id, session);
                _clearState.ExecuteNonQuery();
            }
            else
            {
                Bind(_setState, entity.Id, session, state);
                _setState.ExecuteNonQuery();
            }
        }

        /// <summary>Forgets duplicate-detection history older than the window.</summary>
        public void PruneSeen(EntityStorage entity)
        {
            List<string>? old = null;
            foreach (var (id, at) in entity.SeenMessageIds)
            {
                if (_now - at >= entity.DuplicateWindowMs)
                {
                    (old ??= []).Add(id);
                }
            }

            if (old is null)
            {
                return;
            }

            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "DELETE FROM seen_ids WHERE entity = $e AND at < $at";
            cmd.Parameters.AddWithValue("$e", entity.Id);
            cmd.Parameters.AddWithValue("$at", _now - entity.DuplicateWindowMs);
            cmd.Transaction = _insert.Transaction;
            cmd.ExecuteNonQuery();
            foreach (var id in old)
            {
                entity.SeenMessageIds.Remove(id);
            }
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { _insert, _delete, _updateCount, _moveToDlq, _updateSeq, _insertSeen, _setState, _clearState })
            {
                cmd.Dispose();
            }
        }

        private static void Bind(SqliteCommand cmd, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        private SqliteCommand Prepare(string sql, params string[] names)
        {
            var cmd = _connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var name in names)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return cmd;
        }
    }
}
