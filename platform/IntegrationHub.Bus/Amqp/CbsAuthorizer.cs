using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// Puts tokens on one connection's <c>$cbs</c> node (spec §2) and re-puts each audience's token before it
/// expires; tokens are scoped to the connection, so a new connection gets a new authorizer.
/// </summary>
internal sealed class CbsAuthorizer : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    private readonly RequestResponseChannel _channel;
    private readonly ITokenSource _tokens;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _audiences = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _disposed = new();

    public CbsAuthorizer(RequestResponseChannel channel, ITokenSource tokens, TimeProvider time, TimeSpan refreshMargin, TimeSpan timeout, ILogger logger)
    {
        _channel = channel;
        _tokens = tokens;
        _time = time;
        _refreshMargin = refreshMargin;
        _timeout = timeout;
        _logger = logger;
    }

    /// <summary>False once the <c>$cbs</c> links are gone; the connection is then useless for new links.</summary>
    public bool IsOpen => _channel.IsOpen;

    /// <summary>Makes sure a valid token for <paramref name="audience"/> is on the connection.</summary>
    public async Task EnsureAsync(string audience, CancellationToken cancellationToken)
    {
        var entry = _audiences.GetOrAdd(audience, static _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.ExpiresAt > _time.GetUtcNow() + TimeSpan.FromSeconds(30))
            {
                return;
            }

            await PutAsync(audience, entry, cancellationToken);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        foreach (var entry in _audiences.Values)
        {
            entry.Timer?.Dispose();
        }

        await _channel.CloseAsync();
        _disposed.Dispose();
    }

    private async Task PutAsync(string audience, Entry entry, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(audience, cancellationToken);
        var request = new Message(token.Token)
        {
            ApplicationProperties = new ApplicationProperties(),
        };
        request.ApplicationProperties["operation"] = "put-token";
        request.ApplicationProperties["type"] = token.TokenType;
        request.ApplicationProperties["name"] = audience;
        request.ApplicationProperties["expiration"] = token.ExpiresAt.UtcDateTime;

        var response = await _channel.RequestAsync(request, _timeout, cancellationToken);
        var status = ManagementMessages.StatusCode(response, "status-code");
        if (status is not (200 or 202))
        {
            var description = response.ApplicationProperties?["status-description"] as string;
            throw new BusException(AmqpErrors.ReasonForStatus(status ?? 500),
                $"The broker refused the {token.TokenType} token for '{audience}' ({status}: {description}).");
        }

        entry.ExpiresAt = token.ExpiresAt;
        ScheduleRefresh(audience, entry, token.ExpiresAt);
        Log.TokenPut(_logger, audience, token.TokenType, token.ExpiresAt);
    }

    private void ScheduleRefresh(string audience, Entry entry, DateTimeOffset expiresAt)
    {
        var remaining = expiresAt - _time.GetUtcNow();
        // Refresh a margin before expiry, but never later than half-way for short-lived tokens.
        var margin = _refreshMargin < remaining / 2 ? _refreshMargin : remaining / 2;
        ScheduleAt(audience, entry, remaining - margin);
    }

    private void ScheduleAt(string audience, Entry entry, TimeSpan due)
    {
        entry.Timer?.Dispose();
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        entry.Timer = _time.CreateTimer(_ => _ = RefreshAsync(audience, entry), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private async Task RefreshAsync(string audience, Entry entry)
    {
        if (_disposed.IsCancellationRequested || !_channel.IsOpen)
        {
            return;
        }

        try
        {
            await entry.Gate.WaitAsync(_disposed.Token);
            try
            {
                await PutAsync(audience, entry, _disposed.Token);
            }
            finally
            {
                entry.Gate.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Connection closing.
        }
        catch (Exception ex)
        {
            // Whatever the token source threw (Azure.Identity and Azure.Core raise several types), this runs on a
            // timer: an escaped exception would end the refreshing silently and the token would lapse. Log, retry.
            Log.TokenRefreshFailed(_logger, ex, audience);
            ScheduleAt(audience, entry, RetryAfterFailure);
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MinValue;

        public ITimer? Timer { get; set; }
    }
}
