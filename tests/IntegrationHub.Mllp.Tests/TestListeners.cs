using System.Text;

namespace IntegrationHub.Mllp.Tests;

internal static class TestListeners
{
    /// <summary>Answers every frame with <c>ACK:</c> followed by its payload.</summary>
    public static readonly MllpHandler Echo = (request, _) =>
        ValueTask.FromResult<MllpResponse?>(MllpResponse.Payload("ACK:" + Encoding.UTF8.GetString(request.Payload.Span)));

    public static async Task<MllpListener> StartAsync(MllpHandler handler, Action<MllpListenerOptions>? configure = null, MllpRejectionHandler? onRejected = null)
    {
        var options = new MllpListenerOptions
        {
            Port = 0,
            ReadTimeout = TimeSpan.FromSeconds(5),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        var listener = new MllpListener(options, handler, logger: null, onRejected);
        await listener.StartAsync();
        return listener;
    }

    public static MllpClient Client(MllpListener listener, Action<MllpClientOptions>? configure = null)
    {
        var options = new MllpClientOptions
        {
            Host = "127.0.0.1",
            Port = listener.LocalEndPoint.Port,
            AckTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new MllpClient(options);
    }
}
