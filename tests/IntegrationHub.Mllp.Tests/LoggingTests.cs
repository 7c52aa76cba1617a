using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Mllp.Tests;

public class LoggingTests
{
    private const string Secret = "SMITH^JOHN^9434765919";

    [Fact]
    public async Task Logs_carry_sizes_and_outcomes_but_never_message_content()
    {
        var sink = new CollectingLogger<MllpListener>();
        var clientSink = new CollectingLogger<MllpClient>();
        MllpHandler handler = (r, _) => Encoding.ASCII.GetString(r.Payload.Span).Contains("THROW", StringComparison.Ordinal)
            ? throw new InvalidOperationException("could not handle " + Encoding.ASCII.GetString(r.Payload.Span))
            : ValueTask.FromResult<MllpResponse?>(MllpResponse.Payload("MSA|AA|" + Secret));
        var options = new MllpListenerOptions { Port = 0, MaxFrameBytes = 200, KeepConnectionOpen = true };
        await using var listener = new MllpListener(options, handler, sink);
        await listener.StartAsync();
        await using var client = new MllpClient(new MllpClientOptions { Port = listener.LocalEndPoint.Port }, clientSink);

        Assert.True((await client.SendAsync("PID|" + Secret)).IsAckReceived);
        Assert.Equal(MllpSendStatus.ConnectionClosed, (await client.SendAsync("THROW|" + Secret)).Status);
        Assert.Equal(MllpSendStatus.ConnectionClosed, (await client.SendAsync("PID|" + Secret + new string('x', 300))).Status);
        using (var raw = await TestNet.ConnectAsync(listener.LocalEndPoint))
        {
            await raw.SendAsync(Encoding.ASCII.GetBytes("PID|" + Secret));
            await TestNet.ReadToCloseAsync(raw);
        }

        await listener.StopAsync();
        var all = sink.Lines.Concat(clientSink.Lines).ToArray();
        Assert.Contains(all, l => l.Contains("exceeds maximum allowed size (200 bytes)", StringComparison.Ordinal));
        Assert.Contains(all, l => l.Contains("InvalidOperationException", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.Contains("SMITH", StringComparison.Ordinal) || l.Contains("9434765919", StringComparison.Ordinal));
    }

    private sealed class CollectingLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Everything a sink could see: the formatted text, every structured value, and any exception.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            Lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
        }
    }
}
