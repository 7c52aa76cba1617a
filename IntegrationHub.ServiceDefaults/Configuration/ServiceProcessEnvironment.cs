namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>
/// Runtime settings every hub service process is started with, locally by the AppHost and in the published
/// deployment alike (and by the load runs that measure them). They must be environment variables: the runtime reads
/// them before any of our code runs, and the runtimeconfig equivalent of the gen0 budget has no effect on .NET 10.
/// Measured in docs/benchmarks.md, "MLLP and service hosts".
/// Values are hexadecimal without a <c>0x</c> prefix: the JIT runtime reads both forms, but a natively compiled
/// service (the published containers) silently ignores a prefixed value.
/// </summary>
public static class ServiceProcessEnvironment
{
    /// <summary>
    /// The GC sizes its generation-0 budget from the L3 cache; on a large-cache server that lets each process
    /// allocate ~100 MB before its first collection. A 4 MiB budget keeps the resident set near the live data at a
    /// cost of more, cheap gen0 collections. Not a heap limit: a 1 MiB message still fits however many arrive.
    /// </summary>
    public const string GcGen0Size = "400000";

    /// <summary>
    /// 1 MiB GC regions instead of 4 MiB: each generation holds at least one region, so smaller regions leave less
    /// committed but unused memory in a process whose live data is a few megabytes. Objects larger than a region
    /// (a 1 MiB message is a 2 MiB string) get a region of their own, as they do with the default size.
    /// </summary>
    public const string GcRegionSize = "100000";

    /// <summary>Name and value of every variable, in the order they are set.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Variables { get; } =
    [
        new("DOTNET_GCgen0size", GcGen0Size),
        new("DOTNET_GCRegionSize", GcRegionSize),

        // Dynamic PGO compiles hot methods twice more (an instrumented copy, then the optimised one) and keeps the
        // profile data; without it the resident set under load is ~8 MB smaller for a few percent of peak speed.
        new("DOTNET_TieredPGO", "0"),
    ];
}
