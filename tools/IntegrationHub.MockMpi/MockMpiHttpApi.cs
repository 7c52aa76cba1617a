using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.MockMpi;

/// <summary>
/// The HTTP side for tests and the dashboard: what the mock received, and switching failure modes at run time.
/// <list type="bullet">
/// <item><c>GET /health</c> → <c>OK</c></item>
/// <item><c>GET /messages</c> → JSON list of <see cref="MockMpiRecord"/> in arrival order</item>
/// <item><c>GET /messages/{sequence}</c> → the message as received (text/plain)</item>
/// <item><c>DELETE /messages</c> → empties the listing (files stay)</item>
/// <item><c>GET /mode</c> → the behaviour in force</item>
/// <item><c>POST /mode?mode=ae&amp;delayMs=2000&amp;failEvery=3&amp;failMode=close</c> → changes the given settings</item>
/// <item><c>POST /reset</c> → the start-up behaviour and an empty listing</item>
/// </list>
/// </summary>
public static class MockMpiHttpApi
{
    /// <summary>Maps the endpoints onto <paramref name="endpoints"/>.</summary>
    public static void Map(IEndpointRouteBuilder endpoints, MockMpiServer server)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(server);
        endpoints.MapGet("/health", () => Results.Text("OK"));
        endpoints.MapGet("/messages", () => Results.Json(server.Recorder.Snapshot()));
        endpoints.MapGet("/messages/{sequence:long}", (long sequence) =>
            server.Recorder.Payload(sequence) is { } payload
                ? Results.Bytes(payload, "text/plain; charset=utf-8")
                : Results.NotFound());
        endpoints.MapDelete("/messages", () =>
        {
            server.Recorder.Clear();
            return Results.NoContent();
        });
        endpoints.MapGet("/mode", () => Results.Json(Describe(server.Behaviour)));
        endpoints.MapPost("/mode", (HttpRequest request) => SetMode(server, request.Query));
        endpoints.MapPost("/reset", () =>
        {
            server.Behaviour = server.InitialBehaviour;
            server.Recorder.Clear();
            return Results.Json(Describe(server.Behaviour));
        });
    }

    private static IResult SetMode(MockMpiServer server, IQueryCollection query)
    {
        var behaviour = server.Behaviour;
        if (query.TryGetValue("mode", out var mode))
        {
            if (!MockMpiBehaviour.TryParseMode(mode, out var parsed))
            {
                return Results.BadRequest("mode must be normal, ae, ar, silent, late or close");
            }

            behaviour = behaviour with { Mode = parsed };
        }

        if (query.TryGetValue("failMode", out var failMode))
        {
            if (!MockMpiBehaviour.TryParseMode(failMode, out var parsed))
            {
                return Results.BadRequest("failMode must be ae, ar, silent, late or close");
            }

            behaviour = behaviour with { FailMode = parsed };
        }

        if (query.TryGetValue("delayMs", out var delay))
        {
            if (!int.TryParse(delay, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return Results.BadRequest("delayMs must be a whole number of milliseconds");
            }

            behaviour = behaviour with { Delay = TimeSpan.FromMilliseconds(milliseconds) };
        }

        if (query.TryGetValue("failEvery", out var every))
        {
            if (!int.TryParse(every, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return Results.BadRequest("failEvery must be 0 (off) or more");
            }

            behaviour = behaviour with { FailEvery = n };
        }

        server.Behaviour = behaviour;
        return Results.Json(Describe(behaviour));
    }

    private static ModeDescription Describe(MockMpiBehaviour behaviour) => new(
        behaviour.Mode.ToString().ToLowerInvariant(),
        (int)behaviour.Delay.TotalMilliseconds,
        behaviour.FailEvery,
        behaviour.FailMode.ToString().ToLowerInvariant());

    private sealed record ModeDescription(string Mode, int DelayMs, int FailEvery, string FailMode);
}
