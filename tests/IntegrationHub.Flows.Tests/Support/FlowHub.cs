using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Testing;
using IntegrationHub.Mllp;

namespace IntegrationHub.Flows.Tests.Support;

/// <summary>
/// One flow running end to end as the AppHost runs it (through the testing harness): the embedded broker with the
/// topology's queues, the flow's server, transformer (if any) and sender as processes, and the mock MPI. Every
/// port is chosen at run time and every test gets its own hub, so tests never share a queue or the MPI's listing.
/// </summary>
internal sealed class FlowHub : IAsyncDisposable
{
    // Short receive waits and back-offs keep a stage's idle loop and any retry within a test's time.
    private static readonly Dictionary<string, string> Defaults = new()
    {
        ["RECEIVE_WAIT_SECONDS"] = "1",
        ["RETRY_INITIAL_DELAY_MS"] = "100",
        ["RETRY_MAX_DELAY_MS"] = "400",
        ["ACK_TIMEOUT_SECONDS"] = "10",
    };

    private FlowHub(FlowDefinition flow, HubTestHost hub)
    {
        Flow = flow;
        Hub = hub;
    }

    public FlowDefinition Flow { get; }

    public HubTestHost Hub { get; }

    /// <summary>The queue the server publishes to (pre-transform, or post-transform for a flow without a transformer).</summary>
    public string ServerEgressQueue => (Flow.PreTransform ?? Flow.PostTransform).Queue;

    /// <summary>The session every message of the flow carries on the server's egress queue.</summary>
    public string ServerEgressSession => (Flow.PreTransform ?? Flow.PostTransform).SessionId;

    /// <summary>Deliveries before the broker dead-letters a message on the server's egress queue (spec §21.3).</summary>
    public int MaxDeliveryCount => Hub.Model.Queues.Single(q => q.Name == ServerEgressQueue).MaxDeliveryCount;

    /// <summary>
    /// Starts the whole flow; <paramref name="overrides"/> are added to every service's variables. With
    /// <paramref name="holdTransformer"/> the transformer is stopped until <see cref="StartTransformerAsync"/>, so
    /// messages can be queued in front of it first.
    /// </summary>
    public static async Task<FlowHub> StartAsync(FlowDefinition flow, IReadOnlyDictionary<string, string?>? overrides = null, bool holdTransformer = false)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var environment = new Dictionary<string, string>(Defaults);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                environment[name] = value;
            }
        }

        var hub = await HubTestHost.StartAsync(new HubTestOptions { Flows = [flow.Name], Environment = environment });
        if (holdTransformer && flow.Transformer is not null)
        {
            await hub.Service($"{flow.Name}-transformer").StopAsync();
        }

        return new FlowHub(flow, hub);
    }

    /// <summary>Sends one message to the flow's server on a new connection, as a source system does.</summary>
    public Task<MllpSendResult> SendAsync(string payload) => Hub.SendAsync(Flow.Name, payload);

    /// <summary>Starts the flow's transformer again after <c>holdTransformer</c>.</summary>
    public Task StartTransformerAsync() => Hub.Service($"{Flow.Name}-transformer").StartAsync();

    /// <summary>What the mock MPI has recorded, in arrival order.</summary>
    public async Task<IReadOnlyList<RecordedMessage>> ReceivedAsync() =>
        (await Hub.MockMpi.ReceivedAsync()).Select(m => new RecordedMessage(m.Sequence, m.ControlId, m.Response, m.Payload)).ToList();

    /// <summary>Waits until the mock MPI has recorded at least <paramref name="count"/> messages; returns them.</summary>
    public async Task<IReadOnlyList<RecordedMessage>> WaitForMpiAsync(int count, TimeSpan? timeout = null)
    {
        await Hub.MockMpi.WaitForReceivedAsync(count, timeout ?? TimeSpan.FromSeconds(60));
        return await ReceivedAsync();
    }

    /// <summary>The dead letters of the server's egress queue (the transformer's input, or the sender's for Paris).</summary>
    public Task<IReadOnlyList<QueuedMessage>> DeadLettersAsync() => Hub.Queues.DeadLettersAsync(ServerEgressQueue);

    /// <summary>The records on the message-store queue (nothing consumes it locally), oldest first.</summary>
    public Task<IReadOnlyList<QueuedMessage>> StoredAsync() => Hub.Queues.PeekAsync(StoreQueue);

    private string StoreQueue => Hub.Flow(Flow.Name).Server.Env("MESSAGE_STORE_QUEUE_NAME")
        ?? throw new InvalidOperationException("The flow's server has no MESSAGE_STORE_QUEUE_NAME.");

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>One message as the mock MPI recorded it: arrival number, MSH-10, its answer and the bytes it received.</summary>
internal sealed record RecordedMessage(long Sequence, string ControlId, string Response, string Payload);
