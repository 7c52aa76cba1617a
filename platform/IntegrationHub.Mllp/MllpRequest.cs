using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Mllp;

/// <summary>Handles one received frame; returns the response, or null to close the connection without writing a byte.</summary>
public delegate ValueTask<MllpResponse?> MllpHandler(MllpRequest request, CancellationToken cancellationToken);

/// <summary>Told about a connection whose frame was refused (too large, no VT, early close, timeout).</summary>
public delegate ValueTask MllpRejectionHandler(MllpRejection rejection, CancellationToken cancellationToken);

/// <summary>The connection a frame arrived on.</summary>
/// <param name="Id">Listener-unique connection number, for correlating log lines.</param>
/// <param name="RemoteEndPoint">The peer.</param>
/// <param name="LocalEndPoint">The listener's side.</param>
/// <param name="ClientCertificate">The client's certificate under mutual TLS; null otherwise.</param>
public sealed record MllpConnectionInfo(long Id, EndPoint? RemoteEndPoint, EndPoint? LocalEndPoint, X509Certificate2? ClientCertificate);

/// <summary>One received frame.</summary>
public sealed class MllpRequest
{
    internal MllpRequest(ReadOnlyMemory<byte> payload, int frameLength, int sequence, MllpConnectionInfo connection)
    {
        Payload = payload;
        FrameLength = frameLength;
        Sequence = sequence;
        Connection = connection;
    }

    /// <summary>
    /// The bytes between VT and FS CR exactly as received. Pooled: valid only until the handler's task completes —
    /// copy (<c>ToArray()</c>) to keep it longer.
    /// </summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Whole frame size, VT through FS CR.</summary>
    public int FrameLength { get; }

    /// <summary>1 for the first frame on this connection, 2 for the next, …</summary>
    public int Sequence { get; }

    /// <summary>Where it came from.</summary>
    public MllpConnectionInfo Connection { get; }
}

/// <summary>A refused frame. <see cref="Prefix"/> holds patient data: use it for a redacted event, never log it.</summary>
public sealed class MllpRejection
{
    internal MllpRejection(MllpReadStatus reason, long byteCount, int maxFrameBytes, ReadOnlyMemory<byte> prefix, MllpConnectionInfo connection)
    {
        Reason = reason;
        ByteCount = byteCount;
        MaxFrameBytes = maxFrameBytes;
        Prefix = prefix;
        Connection = connection;
    }

    /// <summary>Why the frame was refused.</summary>
    public MllpReadStatus Reason { get; }

    /// <summary>Bytes of the frame received before reading stopped.</summary>
    public long ByteCount { get; }

    /// <summary>The configured limit.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>
    /// The first bytes received (at most 1000, starting with VT when present; spec §2.2's event content). Valid only
    /// until the rejection handler's task completes.
    /// </summary>
    public ReadOnlyMemory<byte> Prefix { get; }

    /// <summary>Where it came from.</summary>
    public MllpConnectionInfo Connection { get; }
}

/// <summary>What the listener does after a frame was handled.</summary>
public sealed class MllpResponse
{
    private MllpResponse(ReadOnlyMemory<byte> bytes, bool isFramed, bool writes)
    {
        Bytes = bytes;
        IsFramed = isFramed;
        Writes = writes;
    }

    /// <summary>Write nothing but keep the connection (a peer that never answers); a one-shot connection is closed.</summary>
    public static MllpResponse NoReply { get; } = new(default, false, false);

    /// <summary>The bytes to write.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>True when <see cref="Bytes"/> already carries VT … FS CR.</summary>
    public bool IsFramed { get; }

    /// <summary>False for <see cref="NoReply"/>.</summary>
    public bool Writes { get; }

    /// <summary>A payload the listener frames (VT payload FS CR) before writing.</summary>
    public static MllpResponse Payload(ReadOnlyMemory<byte> payload) => new(payload, false, true);

    /// <summary>A UTF-8 payload the listener frames before writing.</summary>
    public static MllpResponse Payload(string payload) => new(System.Text.Encoding.UTF8.GetBytes(payload), false, true);

    /// <summary>Bytes already framed (e.g. <c>Hl7AckBuilder.BuildFramed</c>), written as they are.</summary>
    public static MllpResponse Framed(ReadOnlyMemory<byte> frame) => new(frame, true, true);
}
