using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Mllp;

/// <summary>
/// An async MLLP listener. Each accepted connection reads frames with the limits of <see cref="MllpListenerOptions"/>,
/// hands every complete frame to the <see cref="MllpHandler"/>, and writes what it returns. Any refused frame closes the
/// connection without a byte (spec §2.2). Usable standalone or from a hosted service (<see cref="StartAsync"/> /
/// <see cref="StopAsync"/> have the hosted-service shape).
/// </summary>
public sealed partial class MllpListener : IAsyncDisposable
{
    private readonly MllpListenerOptions _options;
    private readonly MllpFrameReaderOptions _readerOptions;
    private readonly MllpHandler _handler;
    private readonly MllpRejectionHandler? _onRejected;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SslServerAuthenticationOptions? _sslOptions;
    private X509Certificate2? _ownedCertificate;
    private Socket? _socket;
    private IPEndPoint? _localEndPoint;
    private Task _acceptLoop = Task.CompletedTask;
    private long _connectionIds;
    private int _active;
    private int _state;

    /// <summary>Creates a listener; nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Binding, limits, timeouts and TLS.</param>
    /// <param name="handler">Called for every complete frame.</param>
    /// <param name="logger">Structured log; never receives message content.</param>
    /// <param name="onRejected">Optional: told about refused frames (e.g. to emit the size-limit event of spec §2.2).</param>
    public MllpListener(MllpListenerOptions options, MllpHandler handler, ILogger<MllpListener>? logger = null, MllpRejectionHandler? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _options = options;
        _readerOptions = options.ToReaderOptions();
        _handler = handler;
        _onRejected = onRejected;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The bound endpoint (with the real port when <see cref="MllpListenerOptions.Port"/> was 0).</summary>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The listener has not been started.");

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => Math.Max(0, Volatile.Read(ref _active));

    /// <summary>Binds and starts accepting. Throws <see cref="SocketException"/> when the port is taken.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The listener can be started once.");
        }

        if (_options.Tls is { } tls)
        {
            _sslOptions = CreateSslOptions(tls);
        }

        var address = ResolveAddress(_options.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(_options.Backlog);
        }
        catch
        {
            socket.Dispose();
            Volatile.Write(ref _state, 2);
            throw;
        }

        _socket = socket;
        _localEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(socket);
        MllpLog.ListenerStarted(_logger, _localEndPoint, _sslOptions is not null, _options.Tls?.RequireClientCertificate == true,
            _options.MaxFrameBytes, _options.MaxConnections, _options.KeepConnectionOpen);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting, closes idle connections, lets in-flight handlers finish for up to
    /// <see cref="MllpListenerOptions.ShutdownTimeout"/> (or until <paramref name="cancellationToken"/> fires), then
    /// cancels the rest.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        if (Volatile.Read(ref _active) <= 0)
        {
            _drained.TrySetResult();
        }

        try
        {
            await _drained.Task.WaitAsync(_options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);

            // Cancelled handlers unwind quickly; do not wait forever for one that ignores its token.
            await Task.WhenAny(_drained.Task, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        }

        MllpLog.ListenerStopped(_logger, LocalEndPoint, ActiveConnections);
        _ownedCertificate?.Dispose();
    }

    /// <summary>Stops the listener (see <see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 0)
        {
            Interlocked.Exchange(ref _state, 2);
        }
        else
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _abort.Dispose();
    }

    private static IPAddress ResolveAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }

    private SslServerAuthenticationOptions CreateSslOptions(MllpServerTlsOptions tls)
    {
        var certificate = tls.Certificate;
        if (certificate is null)
        {
            certificate = tls.ResolveCertificate();
            _ownedCertificate = certificate;
        }

        var pinned = tls.AllowedClientThumbprints.ToArray();
        var roots = tls.ClientCertificateAuthorities;
        return new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = tls.RequireClientCertificate,
            EnabledSslProtocols = tls.EnabledProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // Without mutual TLS no client certificate is requested, so there is nothing to validate.
            RemoteCertificateValidationCallback = tls.RequireClientCertificate
                ? (_, certificate, _, errors) => MllpCertificates.Validate(certificate, errors, pinned, roots)
                : null,
        };
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (_stopping.IsCancellationRequested && ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A peer that reset before being accepted; the listening socket is still good.
                MllpLog.AcceptFailed(_logger, ex, LocalEndPoint);

                // A persistent failure (e.g. out of file descriptors) must not turn into a busy loop.
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var id = Interlocked.Increment(ref _connectionIds);
            var active = Interlocked.Increment(ref _active);
            if (active > _options.MaxConnections)
            {
                MllpLog.ConnectionCapReached(_logger, id, client.RemoteEndPoint, active - 1, _options.MaxConnections);
                Interlocked.Decrement(ref _active);
                client.Dispose();
                continue;
            }

            client.NoDelay = true;
            _ = RunConnectionAsync(id, client);
        }
    }
}
