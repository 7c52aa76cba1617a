namespace IntegrationHub.Mllp;

/// <summary>What reading one frame ended with.</summary>
public enum MllpReadStatus
{
    /// <summary>A complete frame; <see cref="MllpReadResult.Payload"/> holds the text between VT and FS CR.</summary>
    Frame,

    /// <summary>The peer closed the connection cleanly before sending any byte of a new frame.</summary>
    EndOfStream,

    /// <summary>The accumulated bytes reached the size limit without the terminator; the rest was not read.</summary>
    TooLarge,

    /// <summary>The first byte was not VT (0x0B).</summary>
    MissingStartByte,

    /// <summary>The peer closed the connection in the middle of a frame.</summary>
    ClosedEarly,

    /// <summary>No byte arrived within the read/idle timeout, or the frame took longer than the frame timeout.</summary>
    Timeout,
}

/// <summary>
/// The outcome of <see cref="MllpFrameReader.ReadFrameAsync"/>. The memory it exposes belongs to the reader and stays
/// valid only until the next read or until the reader is disposed: copy it to keep it.
/// </summary>
public readonly struct MllpReadResult
{
    internal MllpReadResult(MllpReadStatus status, long byteCount, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> prefix)
    {
        Status = status;
        ByteCount = byteCount;
        Payload = payload;
        Prefix = prefix;
    }

    /// <summary>How the read ended.</summary>
    public MllpReadStatus Status { get; }

    /// <summary>
    /// For <see cref="MllpReadStatus.Frame"/> the whole frame length (VT through FS CR inclusive); otherwise the bytes
    /// of the unfinished frame that had been received when reading stopped.
    /// </summary>
    public long ByteCount { get; }

    /// <summary>The payload of a complete frame (between VT and FS CR, byte-for-byte); empty otherwise.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// For a failed read, the first bytes received (at most <see cref="MllpFrameReader.PrefixLength"/>, starting with
    /// the VT byte when there was one) so the caller can describe the failure in an event. Never log it: it holds
    /// patient data.
    /// </summary>
    public ReadOnlyMemory<byte> Prefix { get; }

    /// <summary>True for a complete frame.</summary>
    public bool IsFrame => Status == MllpReadStatus.Frame;
}
