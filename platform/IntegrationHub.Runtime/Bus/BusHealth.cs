using IntegrationHub.Bus;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Runtime.Bus;

/// <summary>
/// Bus health as the service experiences it: the outcome of the latest bus operation. A failure to reach the
/// broker (connection, timeout, authorisation, missing entity) makes the service unhealthy until an operation
/// succeeds again; failures that concern one message (lock lost, size) say nothing about connectivity.
/// </summary>
public sealed class BusHealth : IHealthCheck
{
    private volatile string? _problem;

    public bool IsHealthy => _problem is null;

    public void Succeeded() => _problem = null;

    public void Failed(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is BusException { Reason: BusFailureReason.MessageLockLost or BusFailureReason.SessionLockLost or BusFailureReason.MessageSizeExceeded or BusFailureReason.SessionCannotBeLocked })
        {
            return;
        }

        _problem = exception is BusException bus ? $"{bus.Reason}" : exception.GetType().Name;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_problem is { } problem ? HealthCheckResult.Unhealthy($"Service Bus: {problem}") : HealthCheckResult.Healthy());
}
