using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Mllp;

/// <summary>
/// An MLLP client holding one connection: frames a payload, writes it, reads the response frame. Before every send
/// it checks whether the peer has closed the connection (spec §8.3) and reconnects first. Timeouts and I/O errors
/// close the connection and come back as typed results, never exceptions. One exchange at a time.
/// </summary>
public sealed class MllpClient : IAsyncDisposable
{
    private readonly MllpClientOptions _options;
    private readonly ILogger _logger;
    private Socket? _socket;
    private Stream? _stream;
    private byte[] _sendBuffer = [];
    private byte[] _receiveBuffer = [];
    private CancellationTokenSource? _timeout;
    private CancellationToken _timeoutLinkedTo;
    private X509Certificate2? _clientCertificate;
    private X509Certificate2? _loadedCertificate;
    private int _busy;

    /// <summary>Creates a client; no connection is opened until <see cref="ConnectAsync"/> or the first send.</summary>
    public MllpClient(MllpClientOptions options, ILogger<MllpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>True while a connection is open (it may still have been closed by the peer: see <see cref="IsPeerClosed"/>).</summary>
    public bool IsConnected => _stream is not null;

    /// <summary>
    /// Opens the connection (closing any previous one). Throws on failure — <see cref="SocketException"/>,
    /// <see cref="TimeoutException"/> or <see cref="AuthenticationException"/> — so a host can refuse to start when the
    /// destination is down (spec §8.2).
    /// </summary>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        Close();
        var started = Stopwatch.GetTimestamp();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(CreateSslOptions(tls), timeout.Token).ConfigureAwait(false);
                if (ssl.SslProtocol == SslProtocols.Tls13 && tls.RefusalWait > TimeSpan.Zero)
                {
                    await ThrowIfRefusedAfterHandshakeAsync(socket, tls.RefusalWait, timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Dispose(stream, socket);
            throw new TimeoutException($"Connecting to {_options.Host}:{_options.Port} took longer than {_options.ConnectTimeout.TotalSeconds} s.");
        }
        catch
        {
            Dispose(stream, socket);
            throw;
        }

        _socket = socket;
        _stream = stream;
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        MllpLog.ClientConnected(_logger, _options.Host, _options.Port, elapsedMs, _options.Tls is not null);
    }

    /// <summary>
    /// A TLS 1.3 server that refuses this client (no certificate, or one it does not trust) answers the handshake's
    /// last flight with an alert and closes. Nothing else makes an MLLP server close a connection nobody has written
    /// to yet, so a peer close within <paramref name="wait"/> of the handshake (<see cref="IsPeerClosed"/>'s check,
    /// which sees the close behind the unread alert) is reported as the refusal it is.
    /// </summary>
    private async Task ThrowIfRefusedAfterHandshakeAsync(Socket socket, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (IsClosedByPeer(socket))
            {
                throw new AuthenticationException(
                    $"{_options.Host}:{_options.Port} closed the connection right after the TLS handshake: it refused this client (client certificate missing or not trusted?).");
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The socket health check of spec §8.3, without blocking: the peer closed when the kernel says it sent its FIN
    /// (Linux TCP state CLOSE_WAIT, or CLOSE after a reset) — seen even behind unread bytes such as a TLS alert — or
    /// when a readable socket peeks 0 bytes or reports an error. Readable with pending data, or nothing to read,
    /// otherwise counts as open. True as well when no connection is open.
    /// </summary>
    public bool IsPeerClosed() => _socket is not { } socket || IsClosedByPeer(socket);

    private static bool IsClosedByPeer(Socket socket)
    {
        try
        {
            if (PeerSentFin(socket))
            {
                return true;
            }

            if (!socket.Poll(0, SelectMode.SelectRead))
            {
                return false;
            }

            Span<byte> one = stackalloc byte[1];
            var read = socket.Receive(one, SocketFlags.Peek, out var error);
            return error switch
            {
                SocketError.Success => read == 0,
                SocketError.WouldBlock => false,
                _ => true,
            };
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private static bool PeerSentFin(Socket socket)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        const int IpProtoTcp = 6, TcpInfo = 11, CloseWait = 8, Close = 7;
        Span<byte> info = stackalloc byte[8];
        var length = socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info);
        return length > 0 && info[0] is CloseWait or Close;
    }

    /// <summary>Sends a UTF-8 payload (see <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>).</summary>
    public ValueTask<MllpSendResult> SendAsync(string payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return SendAsync(Encoding.UTF8.GetBytes(payload), cancellationToken);
    }

    /// <summary>
    /// Frames <paramref name="payload"/> (VT payload FS CR), sends it and waits for the response frame. Reconnects
    /// first when the connection is missing or the peer closed it. Never resends by itself (the spec §8.3 resend after
    /// a timeout is <see cref="SendWithResendOnTimeoutAsync"/>). Only cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<MllpSendResult> SendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("MllpClient handles one exchange at a time.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var reconnected = false;
            if (_stream is not null && IsPeerClosed())
            {
                MllpLog.ClientPeerClosed(_logger, _options.Host, _options.Port);
                Close();
                reconnected = true;
            }

            if (_stream is null)
            {
                try
                {
                    await ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or TimeoutException or AuthenticationException or IOException)
                {
                    MllpLog.ClientConnectFailed(_logger, _options.Host, _options.Port, ex.Message);
                    return Result(MllpSendStatus.ConnectFailed, null, ex.Message, reconnected, started, 0);
                }
            }

            var frameLength = payload.Length + MllpFraming.Overhead;
            EnsureCapacity(ref _sendBuffer, frameLength);
            MllpFraming.WriteFrame(payload.Span, _sendBuffer);
            var token = ArmTimeout(cancellationToken);
            try
            {
                await _stream!.WriteAsync(_sendBuffer.AsMemory(0, frameLength), token).ConfigureAwait(false);
                await _stream.FlushAsync(token).ConfigureAwait(false);
                var (status, response, error) = await ReadResponseAsync(_stream, token).ConfigureAwait(false);
                if (status != MllpSendStatus.AckReceived)
                {
                    Close();
                }

                return Result(status, response, error, reconnected, started, frameLength);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Close();
                var message = $"No ACK received within {_options.AckTimeout.TotalSeconds} seconds";
                return Result(MllpSendStatus.Timeout, null, message, reconnected, started, frameLength);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                Close();
                return Result(MllpSendStatus.ConnectionClosed, null, ex.Message, reconnected, started, frameLength);
            }
            catch (OperationCanceledException)
            {
                // Cancelled by the caller mid-exchange: a response may still arrive, so the connection cannot be reused.
                Close();
                throw;
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Spec §8.3's exchange: send; when no ACK arrives in time, reconnect and resend the same message once (which may
    /// duplicate it at the destination). Other failures are returned at once — the bus back-off retries them.
    /// </summary>
    public async ValueTask<MllpSendResult> SendWithResendOnTimeoutAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var first = await SendAsync(payload, cancellationToken).ConfigureAwait(false);
        if (first.Status != MllpSendStatus.Timeout)
        {
            return first;
        }

        var second = await SendAsync(payload, cancellationToken).ConfigureAwait(false);
        return new MllpSendResult(second.Status, second.Response, second.Error, second.Reconnected, Stopwatch.GetElapsedTime(started), resent: true);
    }

    /// <summary>Closes the connection, if any; the next send reconnects.</summary>
    public void Close()
    {
        var stream = _stream;
        var socket = _socket;
        _stream = null;
        _socket = null;
        Dispose(stream, socket);
    }

    /// <summary>Closes the connection and releases buffers.</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        _timeout?.Dispose();
        _timeout = null;
        // Only a certificate this client loaded from a file is its to dispose; a caller's stays usable.
        _loadedCertificate?.Dispose();
        _loadedCertificate = null;
        _clientCertificate = null;
        return ValueTask.CompletedTask;
    }

    private static void Dispose(Stream? stream, Socket? socket)
    {
        if (stream is not null)
        {
            stream.Dispose();
        }
        else
        {
            socket?.Dispose();
        }
    }

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            // Keep the buffer for the next message: steady-state sends allocate nothing.
            buffer = new byte[Math.Max(length, Math.Min(Math.Max(buffer.Length * 2, 4096), Array.MaxLength))];
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(MllpSendStatus Status, byte[]? Response, string? Error)> ReadResponseAsync(Stream stream, CancellationToken token)
    {
        EnsureCapacity(ref _receiveBuffer, 4096);
        var count = 0;
        while (true)
        {
            if (count == _receiveBuffer.Length)
            {
                if (count >= _options.MaxResponseBytes)
                {
                    return (MllpSendStatus.ConnectionClosed, null, $"Response larger than {_options.MaxResponseBytes} bytes");
                }

                Array.Resize(ref _receiveBuffer, Math.Min(count * 2, _options.MaxResponseBytes));
            }

            var read = await stream.ReadAsync(_receiveBuffer.AsMemory(count), token).ConfigureAwait(false);
            if (read == 0)
            {
                var partial = count == 0 ? null : Strip(_receiveBuffer.AsSpan(0, count)).ToArray();
                return (MllpSendStatus.ConnectionClosed, partial, "Connection closed by the peer before a complete response");
            }

            // Only the newly read bytes (plus one, for an FS CR split across reads) need scanning.
            var from = Math.Max(0, count - 1);
            count += read;
            var end = _receiveBuffer.AsSpan(from, count - from).IndexOf(MllpFraming.Terminator);
            if (end >= 0)
            {
                return (MllpSendStatus.AckReceived, Strip(_receiveBuffer.AsSpan(0, from + end)).ToArray(), null);
            }
        }
    }

    // Spec §8.3: leading and trailing VT, FS and CR are stripped from the response.
    private static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> data) =>
        data.Trim([MllpFraming.StartBlock, MllpFraming.EndBlock, MllpFraming.CarriageReturn]);

    private SslClientAuthenticationOptions CreateSslOptions(MllpClientTlsOptions tls)
    {
        if (_clientCertificate is null)
        {
            _clientCertificate = tls.ClientCertificate;
            if (_clientCertificate is null && tls.CertificatePath is not null)
            {
                _loadedCertificate = MllpCertificates.Load(tls.CertificatePath, tls.KeyPath, tls.CertificatePassword);
                _clientCertificate = _loadedCertificate;
            }
        }

        var pinned = tls.PinnedServerThumbprints;
        var roots = tls.TrustedCertificateAuthorities;
        var certificate = _clientCertificate;
        return new SslClientAuthenticationOptions
        {
            // Offer the configured certificate even when the server's list of acceptable issuers does not name its CA
            // (a pinned self-signed certificate); the server decides.
            LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            TargetHost = tls.TargetHost ?? _options.Host,
            ClientCertificates = _clientCertificate is null ? null : [_clientCertificate],
            EnabledSslProtocols = tls.EnabledProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => MllpCertificates.Validate(certificate, errors, pinned, roots),
        };
    }

    private CancellationToken ArmTimeout(CancellationToken cancellationToken)
    {
        if (_timeout is null || _timeoutLinkedTo != cancellationToken || !_timeout.TryReset())
        {
            _timeout?.Dispose();
            _timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _timeoutLinkedTo = cancellationToken;
        }

        _timeout.CancelAfter(_options.AckTimeout);
        return _timeout.Token;
    }

    private MllpSendResult Result(MllpSendStatus status, byte[]? response, string? error, bool reconnected, long started, int frameBytes)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        MllpLog.ClientExchange(_logger, frameBytes, _options.Host, _options.Port, status, response?.Length ?? 0, elapsed.TotalMilliseconds);
        return new MllpSendResult(status, response, error, reconnected, elapsed);
    }
}
