using Amqp.Types;

namespace IntegrationHub.Bus.Amqp;

/// <summary>Session state through <c>$management</c> (<c>get-session-state</c> / <c>set-session-state</c>, spec §7.3).</summary>
internal sealed partial class AmqpReceiver
{
    public async Task<byte[]?> GetSessionStateAsync(CancellationToken cancellationToken = default)
    {
        var sessionId = HeldSessionId();
        var body = await _management.CallAsync("com.microsoft:get-session-state", new Map { ["session-id"] = sessionId },
            _state?.Link.Name, false, cancellationToken);
        return body?["session-state"] as byte[];
    }

    public async Task SetSessionStateAsync(byte[]? state, CancellationToken cancellationToken = default)
    {
        var sessionId = HeldSessionId();
        await _management.CallAsync("com.microsoft:set-session-state", new Map { ["session-id"] = sessionId, ["session-state"] = state },
            _state?.Link.Name, true, cancellationToken);
    }

    private string HeldSessionId()
    {
        if (!IsSessionReceiver || SessionId is null)
        {
            throw new InvalidOperationException("Only a session receiver has session state.");
        }

        return SessionId;
    }
}
