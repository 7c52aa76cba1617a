using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Amqp;

/// <summary>The Azure Service Bus implementation of the port, over one AMQP connection.</summary>
internal sealed class AmqpBusClient : IBusClient
{
    private readonly AmqpConnectionScope _scope;
    private readonly AmqpEndpoint _endpoint;
    private readonly Configuration.BusClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public AmqpBusClient(AmqpEndpoint endpoint, Configuration.BusClientOptions options, TimeProvider time, ILogger logger)
    {
        _endpoint = endpoint;
        _options = options;
        _logger = logger;
        _time = time;
        _scope = new AmqpConnectionScope(endpoint, options, time, logger);
    }

    public IBusSender CreateSender(string entityPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityPath);
        _endpoint.EnsureInScope(entityPath);
        return new AmqpSender(_scope, entityPath, _options, _logger);
    }

    public async Task<IBusReceiver> CreateReceiverAsync(ReceiverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint.EnsureInScope(options.EntityPath);

        // Bounded even without a caller token: a broker that stays down must not block the caller forever.
        var limit = _options.OperationTimeout + (options.SessionMode == SessionMode.NextAvailable ? options.SessionAcceptTimeout : TimeSpan.Zero);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            return await AmqpReceiver.OpenAsync(_scope, options, _options, _time, _logger, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BusException(BusFailureReason.Timeout, $"Opening a receiver on '{options.EntityPath}' did not complete within {limit}.");
        }
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
