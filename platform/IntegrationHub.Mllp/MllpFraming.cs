using System.Buffers;
using System.IO.Pipelines;

namespace IntegrationHub.Mllp;

/// <summary>
/// MLLP frame constants and the frame writer. A frame is <c>VT payload FS CR</c>; the payload is carried
/// byte-for-byte (no normalisation), so writing never inspects or changes it.
/// </summary>
public static class MllpFraming
{
    /// <summary>Start block, vertical tab.</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block, file separator.</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>Carriage return that follows the end block.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>Bytes the framing adds around a payload.</summary>
    public const int Overhead = 3;

    /// <summary>The end-of-frame sequence FS CR.</summary>
    public static ReadOnlySpan<byte> Terminator => [EndBlock, CarriageReturn];

    /// <summary>Writes <c>VT payload FS CR</c> into <paramref name="destination"/> and returns the bytes written.</summary>
    public static int WriteFrame(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var length = payload.Length + Overhead;
        if (destination.Length < length)
        {
            throw new ArgumentException("Destination is too small for the framed payload.", nameof(destination));
        }

        destination[0] = StartBlock;
        payload.CopyTo(destination[1..]);
        destination[length - 2] = EndBlock;
        destination[length - 1] = CarriageReturn;
        return length;
    }

    /// <summary>Writes one frame into a buffer writer (e.g. a <see cref="PipeWriter"/>) without flushing.</summary>
    public static void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = payload.Length + Overhead;
        var span = writer.GetSpan(length);
        WriteFrame(payload, span);
        writer.Advance(length);
    }

    /// <summary>Writes one frame to a pipe and flushes it.</summary>
    public static ValueTask<FlushResult> WriteFrameAsync(PipeWriter writer, ReadOnlySpan<byte> payload, CancellationToken cancellationToken = default)
    {
        WriteFrame(writer, payload);
        return writer.FlushAsync(cancellationToken);
    }

    /// <summary>A new array holding the framed payload.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[payload.Length + Overhead];
        WriteFrame(payload, bytes);
        return bytes;
    }

    /// <summary>
    /// True when <paramref name="data"/> is exactly one frame (<c>VT … FS CR</c>); <paramref name="payload"/> is then
    /// the text between the start block and the terminator.
    /// </summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> payload)
    {
        if (data.Length >= Overhead && data[0] == StartBlock && data[^2] == EndBlock && data[^1] == CarriageReturn)
        {
            payload = data[1..^2];
            return true;
        }

        payload = default;
        return false;
    }
}
