using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Mllp;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.AppHost.Testing;

/// <summary>
/// The hub as <see cref="HubTopology"/> (or <see cref="HubTestOptions.Topology"/>) describes it, started for a test: the embedded broker in this process and
/// every service as a child process, on ports chosen at run time, in a temp data folder. Gives the test the flows'
/// MLLP ports, the mock MPI, the broker's queues and each service process.
/// <code>
/// await using var hub = await HubTestHost.StartAsync(new HubTestOptions { Flows = ["phw"] }, ct);
/// var ack = await hub.SendAsync("phw", er7, ct);
/// var delivered = await hub.MockMpi.WaitForAcceptedAsync(1);
/// </code>
/// Disposing stops every process (gracefully, then killed) and the broker, and deletes the data folder unless a
/// wait of the harness timed out, <see cref="KeepData"/> was called or <c>HUB_TEST_KEEP=1</c> is set. Child
/// processes are also killed when the test process exits without disposing.
/// </summary>
public sealed class HubTestHost : IAsyncDisposable
{
    private readonly HubRunner _runner;
    private readonly HubTestOptions _options;
    private readonly Dictionary<string, HubServiceHandle> _services;
    private bool _keep = Environment.GetEnvironmentVariable("HUB_TEST_KEEP") == "1";
    private int _disposed;

    private HubTestHost(HubRunner runner, HubTestOptions options)
    {
        _runner = runner;
        _options = options;
        Model = runner.Model;
        _services = runner.Processes.ToDictionary(p => p.Resource.Name, p => new HubServiceHandle(p, options.WaitTimeout, KeepData), StringComparer.Ordinal);
        MockMpi = new MockMpiClient(
            Model.MockMpi.PortOf("http") ?? throw new InvalidOperationException("The mock MPI has no http endpoint."),
            Model.MockMpi.Env("MOCK_MPI_OUTPUT_DIR") ?? throw new InvalidOperationException("The mock MPI has no MOCK_MPI_OUTPUT_DIR."),
            options.WaitTimeout,
            KeepData);
        Queues = new BusQueues(Model.Bus.AdminPort ?? throw new InvalidOperationException("The bus has no admin port."));
    }

    /// <summary>What runs: ports, queues, services and their environment (after the test's overrides).</summary>
    public HubModel Model { get; }

    /// <summary>The data folder: <c>bus/</c>, <c>logs/</c>, <c>senders/</c>, <c>mock-mpi/</c>.</summary>
    public string DataDirectory => Model.DataDirectory;

    /// <summary>The mock MPI: what it received, and how it answers.</summary>
    public MockMpiClient MockMpi { get; }

    /// <summary>The broker's queues: counts, peek, dead letters, resubmit.</summary>
    public BusQueues Queues { get; }

    /// <summary>Every service process, by name (<c>mock-mpi</c>, <c>phw-server</c>, <c>phw-transformer</c>, …).</summary>
    public IReadOnlyCollection<HubServiceHandle> Services => _services.Values;

    /// <summary>
    /// Starts the hub and returns once every service is healthy. Throws <see cref="TimeoutException"/> naming the
    /// services that did not become healthy (with the end of their logs); nothing is left running then.
    /// </summary>
    public static async Task<HubTestHost> StartAsync(HubTestOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
        var appHostOptions = new AppHostOptions
        {
            Flows = options.Flows?.ToHashSet(StringComparer.OrdinalIgnoreCase),
            DataDirectory = Path.GetFullPath(data),
            FreePorts = true,
            EchoOutput = false,
            StartupTimeout = options.StartupTimeout,
            NativeDirectory = options.NativeDirectory,
        };
        var model = Customise(options.Topology(appHostOptions), options);
        var runner = new HubRunner(model, appHostOptions, NullLoggerFactory.Instance);
        ChildProcessGuard.Watch(runner);
        try
        {
            await runner.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            var causes = StartupDiagnostics.Describe(runner);
            await StopAsync(runner).ConfigureAwait(false);
            throw new TimeoutException(ex.Message + causes + Environment.NewLine + $"Logs are kept in {appHostOptions.DataDirectory}.", ex);
        }
        catch
        {
            await StopAsync(runner).ConfigureAwait(false);
            throw;
        }

        try
        {
            return new HubTestHost(runner, options);
        }
        catch
        {
            await StopAsync(runner).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The service called <paramref name="name"/>, e.g. <c>phw-transformer</c>.</summary>
    public HubServiceHandle Service(string name) =>
        _services.TryGetValue(name, out var service)
            ? service
            : throw new ArgumentException($"No service '{name}' in this hub (it has: {string.Join(", ", _services.Keys)}).", nameof(name));

    /// <summary>A flow of this hub, e.g. <c>phw</c>: its queues and services.</summary>
    public FlowResource Flow(string flow) =>
        Model.Flows.FirstOrDefault(f => f.Name.Equals(flow, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No flow '{flow}' in this hub (it has: {string.Join(", ", Model.Flows.Select(f => f.Name))}).", nameof(flow));

    /// <summary>
    /// An MLLP client for <paramref name="flow"/>'s server, e.g. to send raw bytes or to hold a connection open. The
    /// hub's servers answer one message per connection and then close it (spec §2.2): for a series of messages use
    /// <see cref="SendAsync"/>, which connects for each. The caller disposes the client.
    /// </summary>
    public MllpClient MllpClient(string flow, TimeSpan? ackTimeout = null) =>
        new(new MllpClientOptions { Port = MllpPort(flow), AckTimeout = ackTimeout ?? TimeSpan.FromSeconds(30) });

    /// <summary>The port <paramref name="flow"/>'s server listens on for MLLP.</summary>
    public int MllpPort(string flow) => Flow(flow).Server.PortOf("mllp") ?? throw new InvalidOperationException($"{flow}-server has no mllp endpoint.");

    /// <summary>Sends one message to <paramref name="flow"/>'s server on a new connection; returns what came back.</summary>
    public async Task<MllpSendResult> SendAsync(string flow, string er7, CancellationToken cancellationToken = default)
    {
        await using var client = MllpClient(flow);
        return await client.SendAsync(er7, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the embedded broker, waits <paramref name="downtime"/>, and starts it again on the same port and store:
    /// the services' connections drop and they must reconnect. Nothing the broker accepted is lost.
    /// </summary>
    public Task RestartBusAsync(TimeSpan downtime, CancellationToken cancellationToken = default) =>
        _runner.RestartBusAsync(downtime, cancellationToken);

    /// <summary>Waits until every queue of the hub has nothing waiting or in flight.</summary>
    public async Task WaitForQueuesDrainedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, QueueCounts> counts = new Dictionary<string, QueueCounts>();
        var flowQueues = Model.Flows.SelectMany(f => f.Queues).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        await Poll.UntilAsync(
            async () =>
            {
                counts = await Queues.CountsAsync(cancellationToken).ConfigureAwait(false);
                return counts.Values.Where(c => flowQueues.Contains(c.Name)).All(c => c.IsDrained);
            },
            timeout ?? _options.WaitTimeout,
            () => "the flows' queues to drain: " + string.Join("; ", counts.Values.Where(c => !c.IsDrained).Select(c => $"{c.Name} active {c.Active}, locked {c.Locked}")),
            KeepData,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resources as a table (name, pid, ports, state, restarts), for failure messages.</summary>
    public string StatusTable() => _runner.StatusTable();

    /// <summary>Keeps the data folder (logs, broker store, MPI output) after dispose, to look at a failure.</summary>
    public void KeepData() => _keep = true;

    /// <summary>Stops everything; deletes the data folder unless it is to be kept.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        MockMpi.Dispose();
        Queues.Dispose();
        await _runner.DisposeAsync().ConfigureAwait(false);
        ChildProcessGuard.Forget(_runner);
        if (_keep)
        {
            await Console.Error.WriteLineAsync($"Hub test data kept in {DataDirectory}").ConfigureAwait(false);
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open leaves a temp folder behind; not worth failing a test for.
        }
    }

    private static async Task StopAsync(HubRunner runner)
    {
        await runner.DisposeAsync().ConfigureAwait(false);
        ChildProcessGuard.Forget(runner);
    }

    private static HubModel Customise(HubModel model, HubTestOptions options)
    {
        foreach (var (name, value) in options.Environment)
        {
            model = model.WithEnvironment(_ => true, name, value);
        }

        foreach (var (service, variables) in options.ServiceEnvironment)
        {
            foreach (var (name, value) in variables)
            {
                model = model.WithEnvironment(service, name, value);
            }
        }

        return model;
    }
}
