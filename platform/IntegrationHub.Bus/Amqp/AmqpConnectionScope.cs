using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using IntegrationHub.Bus.Processing;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Where to connect and how to authenticate, resolved from options.</summary>
internal sealed record AmqpEndpoint(string Host, int Port, bool UseTls, ITokenSource Tokens, string? ScopedEntity = null)
{
    /// <summary>A connection string with EntityPath only serves that entity (and its sub-queues/subscriptions).</summary>
    public void EnsureInScope(string entityPath)
    {
        if (ScopedEntity is { } scoped
            && !entityPath.Equals(scoped, StringComparison.OrdinalIgnoreCase)
            && !entityPath.StartsWith(scoped + "/", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The connection string is scoped to '{scoped}' (EntityPath), not '{entityPath}'.", nameof(entityPath));
        }
    }

    /// <summary>The CBS audience of an entity: <c>amqps://host/entity</c> (<c>amqp://</c> without TLS, like the SDK for the emulator).</summary>
    public string Audience(string entityPath) => (UseTls ? "amqps://" : "amqp://") + Host + "/" + entityPath;
}

/// <summary>One live connection plus its CBS authorizer. Replaced as a whole when the connection breaks.</summary>
internal sealed class AmqpConnectionContext(Connection connection, CbsAuthorizer authorizer, int generation)
{
    public Connection Connection { get; } = connection;

    public CbsAuthorizer Authorizer { get; } = authorizer;

    public int Generation { get; } = generation;

    public bool IsOpen => !Connection.IsClosed && Authorizer.IsOpen;

    /// <summary>Each link gets its own AMQP session, as in the .NET SDK, so one link's flow control cannot stall another.</summary>
    public Session NewSession() => new(Connection);
}

/// <summary>
/// Owns the connection: opens it on demand, and after it breaks opens a new one with back-off
/// (1 s doubling to 30 s, jittered) for as long as the caller's token allows.
/// </summary>
internal sealed class AmqpConnectionScope : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AmqpEndpoint _endpoint;
    private readonly Configuration.BusClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _containerId = "hub-" + Guid.NewGuid().ToString("N");
    private AmqpConnectionContext? _current;
    private int _generation;
    private bool _disposed;

    public AmqpConnectionScope(AmqpEndpoint endpoint, Configuration.BusClientOptions options, TimeProvider time, ILogger logger)
    {
        _endpoint = endpoint;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public AmqpEndpoint Endpoint => _endpoint;


    public async Task<AmqpConnectionContext> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is { IsOpen: true })
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            current = _current;
            if (current is { IsOpen: true })
            {
                return current;
            }

            if (current is not null)
            {
                // Either the connection died, or only its $cbs links did: then close it so its links fail over too.
                await current.Authorizer.DisposeAsync();
                await CloseQuietlyAsync(current.Connection);
            }

            _current = await ConnectWithRetryAsync(cancellationToken);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens a session on a live, authorized connection for <paramref name="audience"/>.</summary>
    public async Task<(AmqpConnectionContext Context, Session Session)> OpenSessionAsync(string audience, CancellationToken cancellationToken)
    {
        var context = await AuthorizeAsync(audience, cancellationToken);
        return (context, context.NewSession());
    }

    /// <summary>A live connection on which a token for <paramref name="audience"/> has been put.</summary>
    public async Task<AmqpConnectionContext> AuthorizeAsync(string audience, CancellationToken cancellationToken)
    {
        var context = await GetAsync(cancellationToken);
        await context.Authorizer.EnsureAsync(audience, cancellationToken);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            if (_current is { } current)
            {
                await current.Authorizer.DisposeAsync();
                try
                {
                    await current.Connection.CloseAsync(TimeSpan.FromSeconds(5), null);
                }
                catch (Exception ex) when (ex is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException)
                {
                    // Already broken.
                }
            }

            _current = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AmqpConnectionContext> ConnectWithRetryAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                return await ConnectOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (IsRetryable(ex) && !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff.Jittered(Backoff.BaseDelay(attempt, _options.ReconnectInitialDelay, _options.ReconnectMaxDelay), 0.2, Random.Shared.NextDouble());
                Log.ConnectFailed(_logger, ex, _endpoint.Host, _endpoint.Port, attempt + 1, delay.TotalSeconds);
                attempt++;
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
    }

    private static bool IsRetryable(Exception ex) => ex switch
    {
        BusException bus => bus.IsTransient,
        OperationCanceledException => false,
        _ => true,
    };

    private async Task<AmqpConnectionContext> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        factory.AMQP.ContainerId = _containerId;
        factory.AMQP.HostName = _endpoint.Host;
        factory.AMQP.IdleTimeout = (int)_options.IdleTimeout.TotalMilliseconds;
        factory.AMQP.MaxFrameSize = 262144;
        factory.TCP.NoDelay = true;
        var keepAliveMs = (uint)_options.KeepAliveInterval.TotalMilliseconds;
        factory.TCP.KeepAlive = new TcpKeepAliveSettings { KeepAliveTime = keepAliveMs, KeepAliveInterval = keepAliveMs };
        if (_options.RemoteCertificateValidation is { } validate)
        {
            factory.SSL.RemoteCertificateValidationCallback = validate;
        }

        // IPv6 literals are bracketed in URIs but not in socket addresses.
        var address = new Address(_endpoint.Host.Trim('[', ']'), _endpoint.Port, null, null, "/", _endpoint.UseTls ? "amqps" : "amqp");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        Connection connection;
        try
        {
            connection = await factory.CreateAsync(address, timeout.Token, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BusException(BusFailureReason.Timeout, $"Connecting to {_endpoint.Host}:{_endpoint.Port} timed out.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw AmqpErrors.FromException(ex, $"Connecting to {_endpoint.Host}:{_endpoint.Port}");
        }

        var generation = Interlocked.Increment(ref _generation);
        connection.AddClosedCallback((_, error) => OnConnectionClosed(generation, error));
        try
        {
            var channel = await RequestResponseChannel.OpenAsync(new Session(connection), "$cbs", _options.OperationTimeout, cancellationToken);
            var authorizer = new CbsAuthorizer(channel, _endpoint.Tokens, _time, _options.TokenRefreshMargin, _options.OperationTimeout, _logger);
            Log.Connected(_logger, _endpoint.Host, _endpoint.Port, _endpoint.UseTls, generation);
            return new AmqpConnectionContext(connection, authorizer, generation);
        }
        catch
        {
            await CloseQuietlyAsync(connection);
            throw;
        }
    }

    private void OnConnectionClosed(int generation, Error? error)
    {
        if (!_disposed)
        {
            Log.ConnectionLost(_logger, _endpoint.Host, _endpoint.Port, generation, error?.Condition?.ToString(), error?.Description);
        }
    }

    private static async Task CloseQuietlyAsync(Connection connection)
    {
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(1), null);
        }
        catch (Exception ex) when (ex is AmqpException or TimeoutException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection was already unusable.
        }
    }
}
