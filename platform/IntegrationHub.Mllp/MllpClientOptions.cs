namespace IntegrationHub.Mllp;

/// <summary>Settings of an <see cref="MllpClient"/>.</summary>
public sealed class MllpClientOptions
{
    /// <summary>Destination host (spec §8.1 <c>RECEIVER_MLLP_HOST</c>).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Destination port (spec §8.1 <c>RECEIVER_MLLP_PORT</c>).</summary>
    public int Port { get; set; }

    /// <summary>Longest wait for the TCP connect plus TLS handshake (spec §8.3 uses <c>ACK_TIMEOUT_SECONDS</c>).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait from starting to write a frame to the end of the response frame (spec §8.1 default 30 s).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response accepted; a longer one ends the exchange as <see cref="MllpSendStatus.ConnectionClosed"/>.</summary>
    public int MaxResponseBytes { get; set; } = 1_048_576;

    /// <summary>TLS (and mutual TLS with a client certificate); null for plain TCP.</summary>
    public MllpClientTlsOptions? Tls { get; set; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AckTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, MllpFraming.Overhead);
    }
}

/// <summary>How one send ended.</summary>
public enum MllpSendStatus
{
    /// <summary>A complete response frame arrived (its content is not judged here: AA, AE, anything).</summary>
    AckReceived,

    /// <summary>No complete response within <see cref="MllpClientOptions.AckTimeout"/>; the connection was closed.</summary>
    Timeout,

    /// <summary>The peer closed or reset the connection before a complete response; the connection was closed.</summary>
    ConnectionClosed,

    /// <summary>No connection could be opened (refused, unreachable, connect timeout, TLS handshake refused).</summary>
    ConnectFailed,
}

/// <summary>The outcome of <see cref="MllpClient.SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
public readonly record struct MllpSendResult
{
    internal MllpSendResult(MllpSendStatus status, byte[]? response, string? error, bool reconnected, TimeSpan elapsed, bool resent = false)
    {
        Status = status;
        Response = response;
        Error = error;
        Reconnected = reconnected;
        Elapsed = elapsed;
        Resent = resent;
    }

    /// <summary>How the send ended.</summary>
    public MllpSendStatus Status { get; }

    /// <summary>
    /// The response without its framing (for <see cref="MllpSendStatus.AckReceived"/>); for a peer that closed after
    /// sending something unframed, what it sent; otherwise null.
    /// </summary>
    public byte[]? Response { get; }

    /// <summary>Why it failed, for logs (never contains message content).</summary>
    public string? Error { get; }

    /// <summary>True when the connection was found closed by the peer (spec §8.3) and re-opened before sending.</summary>
    public bool Reconnected { get; }

    /// <summary>True when the first attempt timed out and the message was sent a second time (spec §8.3).</summary>
    public bool Resent { get; }

    /// <summary>Time from the call to its result.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>True when a complete response frame arrived.</summary>
    public bool IsAckReceived => Status == MllpSendStatus.AckReceived;

    /// <summary>The response decoded as UTF-8; empty when there is none.</summary>
    public string ResponseText => Response is null ? string.Empty : System.Text.Encoding.UTF8.GetString(Response);
}
