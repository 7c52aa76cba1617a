using System.Text;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Server;

/// <summary>
/// Hosts the MLLP listener: one message per connection (spec §2.2), the pipeline's answer written back (or nothing),
/// oversized frames reported as MESSAGE_FAILED. Healthy while the listener is accepting.
/// </summary>
public sealed partial class Hl7ServerService(
    Hl7ServerSettings settings,
    Hl7ServerPipeline pipeline,
    EventLogger events,
    ILoggerFactory loggerFactory,
    ILogger<Hl7ServerService> logger) : IHostedService, IHealthCheck, IAsyncDisposable
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly TaskCompletionSource<System.Net.IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MllpListener? _listener;

    /// <summary>Where the listener accepts connections, once started (port 0 picks a free port).</summary>
    public Task<System.Net.IPEndPoint> BoundEndpoint => _bound.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MllpListenerOptions
        {
            Host = settings.Host,
            Port = settings.Port,
            MaxFrameBytes = settings.MaxMessageSizeBytes,
            MaxConnections = settings.MaxConnections,
            ReadTimeout = settings.ReadTimeout,
            KeepConnectionOpen = false,
            Tls = ServerTls.FromSettings(settings),
        };
        _listener = new MllpListener(options, HandleAsync, loggerFactory.CreateLogger<MllpListener>(), OnRejectedAsync);
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        _bound.TrySetResult(_listener.LocalEndPoint);
        LogListening(logger, _listener.LocalEndPoint, settings.EgressEntity);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_listener is not null && _bound.Task.IsCompletedSuccessfully
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("MLLP listener not started"));

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<MllpResponse?> HandleAsync(MllpRequest request, CancellationToken cancellationToken)
    {
        string payload;
        try
        {
            payload = StrictUtf8.GetString(request.Payload.Span);
        }
        catch (DecoderFallbackException)
        {
            LogNotUtf8(logger, request.Connection.Id, request.FrameLength);
            return null;
        }

        if (!MatchesContentPattern(payload))
        {
            LogMalformed(logger, request.Connection.Id, request.FrameLength);
            return null;
        }

        var decision = await pipeline.HandleAsync(payload, cancellationToken).ConfigureAwait(false);
        LogOutcome(logger, request.Connection.Id, decision.Outcome, request.FrameLength);
        return decision.Response is { } response ? MllpResponse.Framed(response) : null;
    }

    private ValueTask OnRejectedAsync(MllpRejection rejection, CancellationToken cancellationToken)
    {
        if (rejection.Reason == MllpReadStatus.TooLarge)
        {
            var prefix = Encoding.UTF8.GetString(rejection.Prefix.Span).Replace("\uFFFD", string.Empty, StringComparison.Ordinal);
            events.Failed(prefix.TrimStart('\v'), $"Message size ({rejection.ByteCount} bytes) exceeds maximum allowed size ({rejection.MaxFrameBytes} bytes)", "Message size limit exceeded");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Spec §2.2: one or more segments, each a run of non-CR characters ended by CR (the last CR optional). So an
    /// empty segment (two CRs in a row) or an empty payload is refused silently.
    /// </summary>
    internal static bool MatchesContentPattern(string payload)
    {
        if (payload.Length == 0 || payload[0] == '\r')
        {
            return false;
        }

        return !payload.AsSpan().Contains("\r\r", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 server listening on {Endpoint}, publishing to {Entity}")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endpoint, string entity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: frame of {FrameBytes} bytes is not valid UTF-8; closed without ACK")]
    private static partial void LogNotUtf8(ILogger logger, long connectionId, int frameBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {ConnectionId}: frame of {FrameBytes} bytes has an empty segment; closed without ACK")]
    private static partial void LogMalformed(ILogger logger, long connectionId, int frameBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: {Outcome} ({FrameBytes} bytes)")]
    private static partial void LogOutcome(ILogger logger, long connectionId, ServerOutcome outcome, int frameBytes);
}
