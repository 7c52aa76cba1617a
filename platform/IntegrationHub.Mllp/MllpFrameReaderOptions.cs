namespace IntegrationHub.Mllp;

/// <summary>Limits applied while reading one frame.</summary>
public sealed class MllpFrameReaderOptions
{
    /// <summary>The default size limit, 1 MiB (spec §2.1 <c>MAX_MESSAGE_SIZE_BYTES</c> unset).</summary>
    public const int DefaultMaxFrameBytes = 1_048_576;

    /// <summary>The largest limit the hub accepts, 100 MiB (the Service Bus Premium message limit).</summary>
    public const int MaxAllowedFrameBytes = 104_857_600;

    /// <summary>Largest accepted frame, VT through FS CR inclusive. A frame of exactly this size is accepted.</summary>
    public int MaxFrameBytes { get; set; } = DefaultMaxFrameBytes;

    /// <summary>Longest wait for any single read inside a frame (spec §2.2: 10 s).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest time one frame may take from its first byte to its terminator, so a client trickling bytes just
    /// inside the read timeout still cannot hold the connection.
    /// </summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        if (MaxFrameBytes < MllpFraming.Overhead || MaxFrameBytes > MaxAllowedFrameBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFrameBytes), MaxFrameBytes, $"Must be between {MllpFraming.Overhead} and {MaxAllowedFrameBytes}.");
        }

        if (ReadTimeout <= TimeSpan.Zero && ReadTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadTimeout), ReadTimeout, "Must be positive.");
        }

        if (FrameTimeout <= TimeSpan.Zero && FrameTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(FrameTimeout), FrameTimeout, "Must be positive.");
        }
    }
}
