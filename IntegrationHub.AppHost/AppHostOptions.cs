using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.AppHost;

/// <summary>The command line of a local run (also set directly by tests).</summary>
public sealed record AppHostOptions
{
    public const string Usage = """
        dotnet run --project IntegrationHub.AppHost [-- options]
          --flows phw,paris,chemo,pims   run a subset (the bus and the mock MPI always run); default: all
          --data DIR                     broker store, logs, sender state, mock MPI output; default .hub-data
          --bus-connection-string CS     use this Service Bus (Azure or Microsoft's emulator) instead of the embedded broker
          --port-offset N                add N to every local port (run two hubs side by side)
          --free-ports true              pick free ports for everything (tests)
          --startup-timeout SECONDS      how long to wait for every health probe; default 60
          --echo false                   do not echo service output to the console (it is still in DIR/logs)
          --dashboard-port N             the dashboard on http://127.0.0.1:N; default 18888 (plus --port-offset)
          --samples DIR                  sample messages offered by the dashboard; default ../shared/samples beside the checkout
          --native DIR                   run each service natively compiled as DIR/<project>/<project> when it is there
                                         (.ci/aot-publish.sh DIR <project>..., as the containers run them)
        """;

    /// <summary>The flows to run; null runs every flow.</summary>
    public IReadOnlySet<string>? Flows { get; init; }

    public string DataDirectory { get; init; } = Path.GetFullPath(".hub-data");

    public string? BusConnectionString { get; init; }

    public int PortOffset { get; init; }

    public bool FreePorts { get; init; }

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool EchoOutput { get; init; } = true;

    /// <summary>The dashboard's port (127.0.0.1 only); ignored under <see cref="FreePorts"/>, which takes any free one.</summary>
    public int DashboardPort { get; init; } = 18888;

    /// <summary>Where the dashboard's "send a message" page finds sample messages; null: none offered.</summary>
    public string? SamplesDirectory { get; init; }

    /// <summary>
    /// Where natively compiled services are (<c>DIR/&lt;project&gt;/&lt;project&gt;</c>); a service found there runs
    /// as that executable, every other one as its IL build. Null: every service runs its IL build.
    /// </summary>
    public string? NativeDirectory { get; init; }

    /// <summary>Reads the options from configuration (the command line is bound as <c>--name value</c>).</summary>
    public static AppHostOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var flows = configuration["flows"];
        return new AppHostOptions
        {
            Flows = string.IsNullOrWhiteSpace(flows)
                ? null
                : flows.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase),
            DataDirectory = Path.GetFullPath(configuration["data"] is { Length: > 0 } data ? data : ".hub-data"),
            BusConnectionString = configuration["bus-connection-string"] is { Length: > 0 } cs ? cs : null,
            PortOffset = Integer(configuration, "port-offset") ?? 0,
            FreePorts = bool.TryParse(configuration["free-ports"], out var free) && free,
            StartupTimeout = TimeSpan.FromSeconds(Integer(configuration, "startup-timeout") ?? 60),
            EchoOutput = !bool.TryParse(configuration["echo"], out var echo) || echo,
            DashboardPort = Port(configuration, "dashboard-port", 18888) + (Integer(configuration, "port-offset") ?? 0),
            SamplesDirectory = configuration["samples"] is { Length: > 0 } samples ? Path.GetFullPath(samples) : DefaultSamples(),
            NativeDirectory = configuration["native"] is { Length: > 0 } native ? Path.GetFullPath(native) : null,
        };
    }

    /// <summary>The <c>samples</c> folder of a <c>shared</c> directory beside the checkout, when there is one.</summary>
    private static string? DefaultSamples()
    {
        if (Publishing.PublishCommand.FindRepositoryRoot(AppContext.BaseDirectory) is not { } root)
        {
            return null;
        }

        var samples = Path.Combine(Path.GetDirectoryName(root) ?? root, "shared", "samples");
        return Directory.Exists(samples) ? samples : null;
    }

    private static int Port(IConfiguration configuration, string name, int defaultPort) =>
        Integer(configuration, name) is not { } port ? defaultPort
        : port is >= 1 and <= 65535 ? port
        : throw new ArgumentException($"--{name} must be a port between 1 and 65535 (got {port})");

    private static int? Integer(IConfiguration configuration, string name)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} must be an integer (got '{text}')");
    }
}
