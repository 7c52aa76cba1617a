using System.Globalization;

namespace IntegrationHub.MockMpi;

/// <summary>One received message as listed by the HTTP endpoint.</summary>
/// <param name="Sequence">Arrival number, 1-based, continuing across restarts that reuse the output folder.</param>
/// <param name="ControlId">MSH-10, empty when the message did not parse.</param>
/// <param name="File">The file name in the output folder (null when no folder is configured).</param>
/// <param name="SizeBytes">Payload size.</param>
/// <param name="ReceivedAt">Arrival time (UTC).</param>
/// <param name="Response">What the mock answered: AA, AE, AR, NACK (the fixed fallback), none or closed.</param>
public sealed record MockMpiRecord(long Sequence, string ControlId, string? File, int SizeBytes, DateTimeOffset ReceivedAt, string Response);

/// <summary>
/// Keeps every received message: one file per message, named <c>000001-&lt;MSH-10&gt;.hl7</c> by arrival order, in the
/// output folder (byte-for-byte payload), plus an in-memory listing for the HTTP endpoint.
/// </summary>
public sealed class MockMpiRecorder
{
    /// <summary>The listing keeps the latest this many messages (the files stay).</summary>
    public const int MaxListed = 100_000;

    private readonly string? _directory;
    private readonly Lock _gate = new();
    private readonly SortedList<long, (MockMpiRecord Record, byte[] Payload)> _records = [];
    private long _sequence;

    /// <summary>Records into <paramref name="directory"/> (created if missing), or only in memory when null.</summary>
    public MockMpiRecorder(string? directory)
    {
        _directory = string.IsNullOrWhiteSpace(directory) ? null : directory;
        if (_directory is not null)
        {
            Directory.CreateDirectory(_directory);
            _sequence = HighestExistingSequence(_directory);
        }
    }

    /// <summary>The folder files go to, if any.</summary>
    public string? OutputDirectory => _directory;

    /// <summary>Claims the next arrival number.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Writes the message file (before the mock answers, so whoever sees the ACK can see the file).</summary>
    public async Task<MockMpiRecord> RecordAsync(long sequence, string controlId, byte[] payload, string response, CancellationToken cancellationToken)
    {
        string? fileName = null;
        if (_directory is not null)
        {
            fileName = FileNameFor(sequence, controlId);
            await File.WriteAllBytesAsync(Path.Combine(_directory, fileName), payload, cancellationToken).ConfigureAwait(false);
        }

        var record = new MockMpiRecord(sequence, controlId, fileName, payload.Length, DateTimeOffset.UtcNow, response);
        lock (_gate)
        {
            _records[sequence] = (record, payload);
            if (_records.Count > MaxListed)
            {
                _records.RemoveAt(0);
            }
        }

        return record;
    }

    /// <summary>All listed messages in arrival order.</summary>
    public IReadOnlyList<MockMpiRecord> Snapshot()
    {
        lock (_gate)
        {
            return _records.Values.Select(v => v.Record).ToArray();
        }
    }

    /// <summary>The payload of a listed message, or null.</summary>
    public byte[]? Payload(long sequence)
    {
        lock (_gate)
        {
            return _records.TryGetValue(sequence, out var entry) ? entry.Payload : null;
        }
    }

    /// <summary>Empties the listing; files and numbering stay.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }

    /// <summary><c>000001-CTRL.hl7</c>: arrival order, then MSH-10 reduced to file-name-safe characters.</summary>
    public static string FileNameFor(long sequence, string controlId)
    {
        Span<char> safe = stackalloc char[Math.Min(controlId.Length, 64)];
        for (var i = 0; i < safe.Length; i++)
        {
            var c = controlId[i];
            safe[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_';
        }

        var name = safe.Length == 0 || safe.Trim('.').IsEmpty ? "UNKNOWN" : new string(safe);
        return sequence.ToString("D6", CultureInfo.InvariantCulture) + "-" + name + ".hl7";
    }

    private static long HighestExistingSequence(string directory)
    {
        long highest = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.hl7"))
        {
            var name = Path.GetFileName(path.AsSpan());
            var dash = name.IndexOf('-');
            if (dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                highest = Math.Max(highest, number);
            }
        }

        return highest;
    }
}
