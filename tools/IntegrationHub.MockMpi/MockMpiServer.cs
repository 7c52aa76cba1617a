using System.Net;
using System.Text;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.MockMpi;

/// <summary>
/// The mock MPI itself (spec §17.1 plus failure modes): an MLLP listener that records every message and answers it
/// according to the current <see cref="MockMpiBehaviour"/>. Host it in a Generic Host (it is a hosted service) or
/// start it directly in a test.
/// </summary>
public sealed partial class MockMpiServer : IHostedService, IAsyncDisposable
{
    // A one-message-per-connection peer cannot "stay silent" by keeping the connection for more frames, so it holds
    // the connection instead, long past any sender's ACK timeout.
    private static readonly TimeSpan SilentHold = TimeSpan.FromMinutes(10);

    private readonly MockMpiOptions _options;
    private readonly ILogger _logger;
    private readonly MllpListener _listener;
    private MockMpiBehaviour _behaviour;

    /// <summary>Creates the server; nothing is bound until <see cref="StartAsync"/>.</summary>
    public MockMpiServer(MockMpiOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<MockMpiServer>();
        _behaviour = options.Behaviour;
        Recorder = new MockMpiRecorder(options.OutputDirectory);
        var listenerOptions = new MllpListenerOptions
        {
            Host = options.Host,
            Port = options.Port,
            MaxFrameBytes = options.MaxMessageBytes,
            KeepConnectionOpen = options.KeepConnectionOpen,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        };
        _listener = new MllpListener(listenerOptions, HandleAsync, loggerFactory.CreateLogger<MllpListener>());
    }

    /// <summary>The received messages.</summary>
    public MockMpiRecorder Recorder { get; }

    /// <summary>The bound MLLP endpoint.</summary>
    public IPEndPoint EndPoint => _listener.LocalEndPoint;

    /// <summary>The behaviour in force; setting it affects the next message.</summary>
    public MockMpiBehaviour Behaviour
    {
        get => Volatile.Read(ref _behaviour);
        set => Volatile.Write(ref _behaviour, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The behaviour the server started with (for resets).</summary>
    public MockMpiBehaviour InitialBehaviour => _options.Behaviour;

    /// <summary>Binds the MLLP port and starts answering.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        Log.Started(_logger, EndPoint, Behaviour.Mode, _options.KeepConnectionOpen, Recorder.OutputDirectory ?? "(memory only)");
        if (_options.EgressQueueName is not null)
        {
            Log.ForwardingNotSupported(_logger, _options.EgressQueueName);
        }
    }

    /// <summary>Stops accepting and lets answers in flight finish briefly.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _listener.StopAsync(cancellationToken);

    /// <summary>Stops the listener.</summary>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();

    private async ValueTask<MllpResponse?> HandleAsync(MllpRequest request, CancellationToken cancellationToken)
    {
        // The payload buffer is pooled; take a copy before the first await.
        var payload = request.Payload.ToArray();
        var text = Encoding.UTF8.GetString(payload);
        var message = MockMpiAck.TryParse(text);
        var controlId = message?.Get("MSH-10") ?? string.Empty;
        var sequence = Recorder.NextSequence();
        var behaviour = Behaviour;
        var mode = behaviour.ModeFor(sequence);
        var code = mode switch
        {
            MockMpiMode.AE => Hl7AckCode.AE,
            MockMpiMode.AR => Hl7AckCode.AR,
            _ => MockMpiAck.ContentVerdict(text),
        };
        var answer = mode switch
        {
            MockMpiMode.Silent => "none",
            MockMpiMode.Close => "closed",
            _ => message is null ? "NACK" : code.ToString(),
        };

        await Recorder.RecordAsync(sequence, controlId, payload, answer, cancellationToken).ConfigureAwait(false);
        Log.Received(_logger, sequence, payload.Length, mode, answer);
        switch (mode)
        {
            case MockMpiMode.Close:
                return null;
            case MockMpiMode.Silent when _options.KeepConnectionOpen:
                return MllpResponse.NoReply;
            case MockMpiMode.Silent:
                await Task.Delay(SilentHold, cancellationToken).ConfigureAwait(false);
                return null;
            case MockMpiMode.Late:
                await Task.Delay(behaviour.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }

        return MllpResponse.Payload(MockMpiAck.Build(message, code));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Mock MPI listening on {EndPoint} (mode {Mode}, keep-alive {KeepAlive}, recording to {OutputDirectory})")]
        public static partial void Started(ILogger logger, EndPoint endPoint, MockMpiMode mode, bool keepAlive, string outputDirectory);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "EGRESS_QUEUE_NAME={Queue} is set, but this mock does not forward to the bus; messages are recorded to MOCK_MPI_OUTPUT_DIR and listed over HTTP instead")]
        public static partial void ForwardingNotSupported(ILogger logger, string queue);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Message {Sequence} received ({SizeBytes} bytes), mode {Mode}, answer {Answer}")]
        public static partial void Received(ILogger logger, long sequence, int sizeBytes, MockMpiMode mode, string answer);
    }
}
