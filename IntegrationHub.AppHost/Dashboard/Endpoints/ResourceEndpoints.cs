using System.Globalization;
using IntegrationHub.AppHost.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>The resources page: every supervised process and the bus, with start / stop / restart.</summary>
public static class ResourceEndpoints
{
    public static void MapResourceEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/resources", (DashboardContext dashboard) => Results.Json(Describe(dashboard)));
        app.MapPost("/api/resources/{name}/{action}", async (DashboardContext dashboard, string name, string action) =>
        {
            if (name == dashboard.Model.Bus.Name)
            {
                if (action != "restart" || !dashboard.Model.Bus.IsEmbedded)
                {
                    return Results.BadRequest(new { error = "The embedded broker can only be restarted." });
                }

                await dashboard.Runner.RestartBusAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None).ConfigureAwait(false);
                return Results.Json(new { name, state = "Running" });
            }

            if (dashboard.Process(name) is not { } process)
            {
                return Results.NotFound(new { error = $"No resource '{name}'." });
            }

            switch (action)
            {
                case "start":
                    process.Start();
                    break;
                case "stop":
                    await process.StopAsync().ConfigureAwait(false);
                    break;
                case "restart":
                    await process.RestartAsync().ConfigureAwait(false);
                    break;
                default:
                    return Results.BadRequest(new { error = "action must be start, stop or restart" });
            }

            return Results.Json(new { name, state = process.State.ToString() });
        });
    }

    private static List<ResourceView> Describe(DashboardContext dashboard)
    {
        var bus = dashboard.Model.Bus;
        var running = dashboard.Runner.Broker is not null;
        var views = new List<ResourceView>
        {
            new(bus.Name, "bus", null,
                bus.IsEmbedded ? (running ? "Running" : "Stopped") : "External",
                bus.IsEmbedded ? (running ? "Healthy" : "Unhealthy") : "Unknown",
                bus.IsEmbedded ? Environment.ProcessId : null, 0,
                bus.IsEmbedded ? [new("amqp", bus.Port), .. bus.AdminPort is { } admin ? new[] { new PortView("admin", admin) } : []] : [],
                [new("SERVICE_BUS_CONNECTION_STRING", "*****", true)],
                bus.IsEmbedded ? ["restart"] : []),
        };
        foreach (var process in dashboard.Runner.Processes)
        {
            var resource = process.Resource;
            var (state, health) = Split(process.State);
            views.Add(new ResourceView(resource.Name, resource.Role.ToString().ToLowerInvariant(), resource.Flow, state, health,
                process.State is ResourceState.Stopped or ResourceState.NotStarted ? null : process.ProcessId,
                process.Restarts,
                [.. resource.Endpoints.Select(e => new PortView(e.Name, e.Port))],
                [.. resource.Environment.Select(e => new EnvView(e.Name, e.Display, e.IsSecret))],
                process.State is ResourceState.Stopped or ResourceState.NotStarted ? ["start"] : ["stop", "restart"]));
        }

        return views;
    }

    /// <summary>The supervisor's one state as what the process is doing and what its probe says.</summary>
    private static (string State, string Health) Split(ResourceState state) => state switch
    {
        ResourceState.Healthy => ("Running", "Healthy"),
        ResourceState.Unhealthy => ("Running", "Unhealthy"),
        ResourceState.Starting => ("Starting", "Unknown"),
        _ => (state.ToString(), "Unknown"),
    };

    private sealed record ResourceView(string Name, string Kind, string? Flow, string State, string Health, int? Pid, int Restarts,
        IReadOnlyList<PortView> Ports, IReadOnlyList<EnvView> Environment, IReadOnlyList<string> Actions)
    {
        public string PidText => Pid?.ToString(CultureInfo.InvariantCulture) ?? "-";
    }

    private sealed record PortView(string Name, int Port);

    private sealed record EnvView(string Name, string Value, bool IsSecret);
}
