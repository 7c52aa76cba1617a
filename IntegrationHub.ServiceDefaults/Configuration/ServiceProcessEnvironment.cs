namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>
/// Runtime settings every hub service process is started with, locally by the AppHost and in the published
/// deployment alike (and by the load runs that measure them). They must be environment variables: the runtime reads
/// them before any of our code runs, and the runtimeconfig equivalent of the gen0 budget has no effect on .NET 10.
/// Measured in docs/benchmarks.md, "MLLP and service hosts".
/// </summary>
public static class ServiceProcessEnvironment
{
    /// <summary>
    /// The GC sizes its generation-0 budget from the L3 cache; on a large-cache server that lets each process
    /// allocate ~100 MB before its first collection. A 4 MiB budget keeps the resident set near the live data at a
    /// cost of more, cheap gen0 collections. Not a heap limit: a 1 MiB message still fits however many arrive.
    /// </summary>
    public const string GcGen0Size = "0x400000";

    /// <summary>Name and value of every variable, in the order they are set.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Variables { get; } =
    [
        new("DOTNET_GCgen0size", GcGen0Size),
    ];
}
