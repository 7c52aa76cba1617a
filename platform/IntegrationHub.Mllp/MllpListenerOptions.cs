namespace IntegrationHub.Mllp;

/// <summary>Settings of an <see cref="MllpListener"/>.</summary>
public sealed class MllpListenerOptions
{
    /// <summary>Address to bind (spec §2.1 <c>HOST</c>, default 127.0.0.1; <c>0.0.0.0</c> or <c>::</c> for all).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind; 0 picks a free port (see <see cref="MllpListener.LocalEndPoint"/>).</summary>
    public int Port { get; set; } = 2575;

    /// <summary>Largest accepted frame, VT through FS CR inclusive (spec §2.2).</summary>
    public int MaxFrameBytes { get; set; } = MllpFrameReaderOptions.DefaultMaxFrameBytes;

    /// <summary>Connections served at once; a connection beyond the cap is closed at once without a byte.</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>Longest wait for any single read (spec §2.2: 10 s), also the TLS handshake and response write limit.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time one frame may take from its first byte to its end, however steadily bytes trickle in.</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// False (the reference server's mode, spec §2.2): one message per connection, closed after the response.
    /// True: the connection stays open for further frames until the peer closes or <see cref="IdleTimeout"/> passes.
    /// </summary>
    public bool KeepConnectionOpen { get; set; }

    /// <summary>On a kept-open connection, the longest wait for the first byte of the next frame.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>On stop, how long in-flight handlers may run before they are cancelled.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Listen backlog.</summary>
    public int Backlog { get; set; } = 512;

    /// <summary>TLS (and mutual TLS); null for plain TCP.</summary>
    public MllpServerTlsOptions? Tls { get; set; }

    internal MllpFrameReaderOptions ToReaderOptions() =>
        new() { MaxFrameBytes = MaxFrameBytes, ReadTimeout = ReadTimeout, FrameTimeout = FrameTimeout };

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Backlog, 1);
        ToReaderOptions().Validate();
        if (IdleTimeout <= TimeSpan.Zero && IdleTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), IdleTimeout, "Must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero);
    }
}
