using Amqp;
using Amqp.Types;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// Calls on <c>&lt;entity&gt;/$management</c> (spec §7). The channel is opened lazily on the current
/// connection and reopened after the connection changes.
/// </summary>
internal sealed class ManagementClient : IAsyncDisposable
{
    private readonly AmqpConnectionScope _scope;
    private readonly string _node;
    private readonly string _entityPath;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RequestResponseChannel? _channel;
    private AmqpConnectionContext? _channelContext;

    public ManagementClient(AmqpConnectionScope scope, string entityPath, TimeSpan timeout)
    {
        _scope = scope;
        _entityPath = entityPath;
        _node = entityPath + "/$management";
        _timeout = timeout;
    }

    /// <summary>Runs one operation and returns the response body map (null for void operations or 204).</summary>
    public async Task<Map?> CallAsync(string operation, Map body, string? associatedLinkName, bool allowNoContent, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        Message response;
        try
        {
            var channel = await GetChannelAsync(deadline.Token);
            response = await channel.RequestAsync(ManagementMessages.Request(operation, body, associatedLinkName), _timeout, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BusException(BusFailureReason.Timeout, $"{operation} on '{_node}' did not complete within {_timeout}.");
        }

        ManagementMessages.EnsureSuccess(response, operation, allowNoContent);
        return ManagementMessages.BodyMap(response);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_channel is { } channel)
            {
                await channel.CloseAsync();
            }

            _channel = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<RequestResponseChannel> GetChannelAsync(CancellationToken cancellationToken) =>
        AmqpErrors.GuardAsync(() => GetChannelCoreAsync(cancellationToken), $"Opening '{_node}'");

    private async Task<RequestResponseChannel> GetChannelCoreAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } open && _channelContext is { IsOpen: true })
            {
                return open;
            }

            // The entity's token covers its management node under a path-prefix rule (our broker); Azure's SDK puts a
            // token for the node itself too. Both are cheap and once per connection, so put both.
            var context = await _scope.AuthorizeAsync(_scope.Endpoint.Audience(_entityPath), cancellationToken);
            if (!ReferenceEquals(context, await _scope.AuthorizeAsync(_scope.Endpoint.Audience(_node), cancellationToken)))
            {
                throw new BusException(BusFailureReason.CommunicationError, $"The connection changed while opening '{_node}'.");
            }

            var session = context.NewSession();
            _channel = await RequestResponseChannel.OpenAsync(session, _node, _timeout, cancellationToken);
            _channelContext = context;
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }
}
