using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace IntegrationHub.Mllp;

/// <summary>
/// Reads MLLP frames from a <see cref="PipeReader"/>, enforcing the size limit of spec §2.2: the whole frame counts
/// (VT through FS CR inclusive), a frame of exactly the limit is accepted, and as soon as the bytes received reach the
/// limit without the terminator reading stops — the rest of the stream is never read.
/// </summary>
public sealed class MllpFrameReader : IDisposable
{
    /// <summary>How many leading bytes of a failed frame are kept for the caller's failure event (spec §2.2).</summary>
    public const int PrefixLength = 1000;

    private readonly PipeReader _reader;
    private readonly MllpFrameReaderOptions _options;
    private byte[]? _rented;
    private CancellationTokenSource? _timeout;
    private CancellationToken _linkedTo;

    /// <summary>Reads frames from <paramref name="reader"/>; the reader is not completed by this class.</summary>
    public MllpFrameReader(PipeReader reader, MllpFrameReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _reader = reader;
        _options = options;
    }

    /// <summary>
    /// Reads the next frame. <paramref name="idleTimeout"/> bounds the wait for its first byte (defaults to the read
    /// timeout); after that every read is bounded by the read timeout and the whole frame by the frame timeout.
    /// Cancelling <paramref name="cancellationToken"/> throws <see cref="OperationCanceledException"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<MllpReadResult> ReadFrameAsync(TimeSpan? idleTimeout = null, CancellationToken cancellationToken = default)
    {
        ReleaseBuffer();
        var limit = _options.MaxFrameBytes;
        var started = false;
        var frameStart = 0L;
        var scanned = 0L;
        var received = 0L;
        while (true)
        {
            var timeout = started ? RemainingFrameTime(frameStart) : idleTimeout ?? _options.ReadTimeout;
            ReadResult read;
            try
            {
                var token = ArmTimeout(timeout, cancellationToken);
                read = await _reader.ReadAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new MllpReadResult(MllpReadStatus.Timeout, received, default, default);
            }

            var buffer = read.Buffer;
            received = buffer.Length;
            if (!started && buffer.Length > 0)
            {
                if (buffer.FirstSpan[0] != MllpFraming.StartBlock)
                {
                    return Fail(MllpReadStatus.MissingStartByte, buffer);
                }

                started = true;
                frameStart = Stopwatch.GetTimestamp();
            }

            // Only the first `limit` bytes can belong to an acceptable frame; anything after them is never examined.
            var window = buffer.Length > limit ? buffer.Slice(0, limit) : buffer;
            var end = FindTerminator(window, scanned);
            if (end >= 0)
            {
                var frameLength = end + MllpFraming.Terminator.Length;
                var payload = CopyPayload(window.Slice(1, end - 1));
                _reader.AdvanceTo(buffer.GetPosition(frameLength));
                return new MllpReadResult(MllpReadStatus.Frame, frameLength, payload, default);
            }

            if (buffer.Length >= limit)
            {
                return Fail(MllpReadStatus.TooLarge, buffer);
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                return buffer.Length == 0
                    ? new MllpReadResult(MllpReadStatus.EndOfStream, 0, default, default)
                    : Fail(MllpReadStatus.ClosedEarly, buffer);
            }

            // A terminator split across reads starts at the last byte seen, so rescan from there next time.
            scanned = Math.Max(0, buffer.Length - 1);
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Returns the pooled buffer and the timer.</summary>
    public void Dispose()
    {
        ReleaseBuffer();
        _timeout?.Dispose();
        _timeout = null;
    }

    private static long FindTerminator(in ReadOnlySequence<byte> window, long from)
    {
        if (window.IsSingleSegment)
        {
            var index = window.FirstSpan[(int)from..].IndexOf(MllpFraming.Terminator);
            return index < 0 ? -1 : from + index;
        }

        var sequenceReader = new SequenceReader<byte>(window.Slice(from));
        return sequenceReader.TryReadTo(out ReadOnlySequence<byte> before, MllpFraming.Terminator, advancePastDelimiter: false)
            ? from + before.Length
            : -1;
    }

    private MllpReadResult Fail(MllpReadStatus status, in ReadOnlySequence<byte> buffer)
    {
        var prefixLength = (int)Math.Min(buffer.Length, PrefixLength);
        _rented = ArrayPool<byte>.Shared.Rent(Math.Max(prefixLength, 1));
        buffer.Slice(0, prefixLength).CopyTo(_rented);
        var count = buffer.Length;

        // Consume what was examined so the pipe is left consistent; the connection is closed by the caller anyway.
        _reader.AdvanceTo(buffer.End);
        return new MllpReadResult(status, count, default, _rented.AsMemory(0, prefixLength));
    }

    private ReadOnlyMemory<byte> CopyPayload(in ReadOnlySequence<byte> payload)
    {
        var length = (int)payload.Length;
        _rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        payload.CopyTo(_rented);
        return _rented.AsMemory(0, length);
    }

    private TimeSpan RemainingFrameTime(long frameStart)
    {
        if (_options.FrameTimeout == Timeout.InfiniteTimeSpan)
        {
            return _options.ReadTimeout;
        }

        var remaining = _options.FrameTimeout - Stopwatch.GetElapsedTime(frameStart);
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.FromMilliseconds(1);
        }

        return _options.ReadTimeout == Timeout.InfiniteTimeSpan || remaining < _options.ReadTimeout ? remaining : _options.ReadTimeout;
    }

    private CancellationToken ArmTimeout(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // One timer per reader, re-armed for every read: no allocation per read on the hot path.
        if (_timeout is null || _linkedTo != cancellationToken || !_timeout.TryReset())
        {
            _timeout?.Dispose();
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _linkedTo = cancellationToken;
        }

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timeout.CancelAfter(timeout);
        }

        return _timeout.Token;
    }

    private void ReleaseBuffer()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
