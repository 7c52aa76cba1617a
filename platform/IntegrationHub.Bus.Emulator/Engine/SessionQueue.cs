namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>
/// The messages of one session (or of a whole non-session queue / dead-letter queue) in sequence order.
/// Never-delivered messages are read through a cursor; messages that came back (abandon, lock expiry,
/// scheduled and now due) sit in a small heap by sequence number and go out first, which keeps delivery
/// in sequence order without rescanning locked messages.
/// </summary>
internal sealed class SessionQueue(string? id)
{
    private readonly List<MessageRecord> _items = [];
    private readonly PriorityQueue<MessageRecord, long> _returned = new();
    private int _head;
    private int _cursor;

    public string? Id { get; } = id;

    /// <summary>Available plus locked messages (what the admin API calls active).</summary>
    public int ActiveCount { get; set; }

    public ConsumerLink? Holder { get; set; }
    public long LockedUntilMs { get; set; }
    public byte[]? State { get; set; }
    public bool StateLoaded { get; set; }

    public bool IsIdle => Holder is null && ActiveCount == 0 && State is null;

    /// <summary>Adds a newly committed message; commits arrive in sequence order.</summary>
    public void Append(MessageRecord record)
    {
        if (_items.Count > _head && _items[^1].Seq > record.Seq)
        {
            InsertSorted(record);
            return;
        }

        _items.Add(record);
        ActiveCount++;
    }

    /// <summary>Adds a message whose sequence number may be lower than ones already held (scheduled, dead-lettered).</summary>
    public void InsertSorted(MessageRecord record)
    {
        var lo = _head;
        var hi = _items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_items[mid].Seq < record.Seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        _items.Insert(lo, record);
        ActiveCount++;
        if (lo < _cursor)
        {
            _cursor++;
            _returned.Enqueue(record, record.Seq);
        }
    }

    /// <summary>Puts a message that was locked back in line.</summary>
    public void Return(MessageRecord record) => _returned.Enqueue(record, record.Seq);

    /// <summary>The next deliverable message without taking it; drops stale entries on the way.</summary>
    public MessageRecord? PeekNext()
    {
        while (_returned.TryPeek(out var r, out _))
        {
            if (r.State == RecordState.Available)
            {
                return r;
            }

            _returned.Dequeue();
        }

        while (_cursor < _items.Count)
        {
            var r = _items[_cursor];
            if (r.State == RecordState.Available)
            {
                return r;
            }

            _cursor++;
        }

        return null;
    }

    /// <summary>Takes the message <see cref="PeekNext"/> returned.</summary>
    public void Take(MessageRecord record)
    {
        if (_returned.TryPeek(out var r, out _) && ReferenceEquals(r, record))
        {
            _returned.Dequeue();
        }
        else if (_cursor < _items.Count && ReferenceEquals(_items[_cursor], record))
        {
            _cursor++;
        }
    }

    /// <summary>Drops deleted messages from the front so memory follows the live backlog.</summary>
    public void Compact()
    {
        while (_head < _items.Count && _items[_head].State == RecordState.Deleted)
        {
            _head++;
        }

        if (_head > 1024 && _head > _items.Count / 2)
        {
            _items.RemoveRange(0, _head);
            _cursor -= _head;
            _head = 0;
        }
    }

    /// <summary>Live messages with sequence number ≥ <paramref name="fromSeq"/>, in order, at most <paramref name="max"/>.</summary>
    public void CollectFrom(long fromSeq, int max, List<MessageRecord> into)
    {
        var added = 0;
        for (var i = _head; i < _items.Count && added < max; i++)
        {
            var r = _items[i];
            if (r.State != RecordState.Deleted && r.Seq >= fromSeq)
            {
                into.Add(r);
                added++;
            }
        }
    }

    /// <summary>Every live message (admin purge / resubmit).</summary>
    public List<MessageRecord> Live()
    {
        var list = new List<MessageRecord>();
        CollectFrom(0, int.MaxValue, list);
        return list;
    }
}
