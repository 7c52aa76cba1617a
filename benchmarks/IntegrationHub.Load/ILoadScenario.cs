namespace IntegrationHub.Load;

/// <summary>
/// One load run: drives real components (broker, sockets, services) for throughput, latency or memory, and
/// prints its numbers. Every implementation in this assembly is found by name (see Program.cs).
/// </summary>
internal interface ILoadScenario
{
    /// <summary>The name given on the command line, e.g. <c>bus-send-1</c>.</summary>
    string Name { get; }

    /// <summary>One line: what is measured and the target it is checked against.</summary>
    string Description { get; }

    Task RunAsync(LoadContext context, CancellationToken cancellationToken);
}
