using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Amqp;
using Amqp.Listener;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Admin;
using IntegrationHub.Bus.Emulator.Engine;
using IntegrationHub.Bus.Emulator.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Bus.Emulator;

/// <summary>
/// The embedded Service Bus-dialect broker, hosted in-process:
/// <code>await using var broker = await EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, DataDirectory = dir, Config = cfg });</code>
/// </summary>
public sealed partial class EmbeddedBroker : IAsyncDisposable
{
    private readonly BrokerCore _core;
    private readonly List<ConnectionListener> _listeners;
    private readonly BrokerContainer _container;
    private readonly AdminApi? _admin;
    private readonly ILogger _logger;
    private int _stopped;

    private EmbeddedBroker(BrokerCore core, BrokerContainer container, List<ConnectionListener> listeners, AdminApi? admin, int port, int? tlsPort, ILogger logger)
    {
        _container = container;
        _core = core;
        _listeners = listeners;
        _admin = admin;
        _logger = logger;
        Port = port;
        TlsPort = tlsPort;
    }

    /// <summary>The plain AMQP port actually bound.</summary>
    public int Port { get; }

    /// <summary>The AMQPS port, when TLS is enabled.</summary>
    public int? TlsPort { get; }

    /// <summary>The admin HTTP port, when the admin API is enabled.</summary>
    public int? AdminPort => _admin?.Port;

    public BrokerOptions Options => _core.Options;

    /// <summary>A connection string for this broker in the emulator's form (plain AMQP, well-known key unless configured).</summary>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={Options.SharedAccessKeyName};SharedAccessKey={Options.SharedAccessKey};UseDevelopmentEmulator=true";

    public static Task<EmbeddedBroker> StartAsync(BrokerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("IntegrationHub.Bus.Emulator");
        var core = BrokerCore.Open(options, loggers);
        var container = new BrokerContainer(core, logger);
        var listeners = new List<ConnectionListener>();
        try
        {
            var port = options.Port == 0 ? FreePort(options.Host) : options.Port;
            listeners.Add(CreateListener(new Address($"amqp://{options.Host}:{port}"), container, options));
            int? tlsPort = null;
            if (options.TlsPort is { } requestedTls)
            {
                var certificate = options.Certificate
                    ?? X509Certificate2.CreateFromPemFile(
                        options.CertificatePemPath ?? throw new ArgumentException("TLS needs a certificate.", nameof(options)),
                        options.KeyPemPath);
                tlsPort = requestedTls == 0 ? FreePort(options.Host) : requestedTls;
                var tls = CreateListener(new Address($"amqps://{options.Host}:{tlsPort}"), container, options);
                tls.SSL.Certificate = certificate;
                listeners.Add(tls);
            }

            foreach (var listener in listeners)
            {
                listener.Open();
            }

            AdminApi? admin = null;
            if (options.AdminPort is { } adminPort)
            {
                admin = AdminApi.Start(core, container.SendPath, options.Host, adminPort == 0 ? FreePort(options.Host) : adminPort);
            }

            LogStarted(logger, options.Host, port, tlsPort, admin?.Port);
            return Task.FromResult(new EmbeddedBroker(core, container, listeners, admin, port, tlsPort, logger));
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.Close();
            }

            core.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Stops listening, lets pending commits finish, and closes the store. Locks are simply forgotten.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        foreach (var listener in _listeners)
        {
            listener.Close();
        }

        _container.CloseConnections();
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }

        await _core.DisposeAsync().ConfigureAwait(false);
        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static ConnectionListener CreateListener(Address address, BrokerContainer container, BrokerOptions options)
    {
        var listener = new ConnectionListener(address, container);
        listener.SASL.EnableAnonymousMechanism = true;
        listener.SASL.EnableMechanism(new Symbol("MSSBCBS"), new CbsSaslProfile());
        listener.SASL.EnablePlainMechanism(options.SharedAccessKeyName, options.SharedAccessKey);
        // Settlements are small frames written one per commit; Nagle would hold each back until the previous one is acknowledged.
        listener.TCP.NoDelay = true;
        listener.AMQP.MaxFrameSize = 256 * 1024;
        listener.AMQP.ContainerId = "integrationhub-bus-emulator";
        listener.HandlerFactory = _ => DeliveryTagHandler.Instance;
        return listener;
    }

    private static int FreePort(string host)
    {
        using var probe = new TcpListener(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus emulator listening on {Host}:{Port} (amqps {TlsPort}, admin {AdminPort})")]
    private static partial void LogStarted(ILogger logger, string host, int port, int? tlsPort, int? adminPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bus emulator stopped")]
    private static partial void LogStopped(ILogger logger);
}
