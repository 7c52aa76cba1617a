using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>
/// Console output per resource, live, as Server-Sent Events: the kept lines first, then every new line. Each line
/// also goes out parsed (time, level, category, message) from the services' single-line console format, which is
/// what the structured log view filters on.
/// </summary>
public static class LogEndpoints
{
    public static void MapLogEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/resources/{name}/console", async (HttpContext http, DashboardContext dashboard, string name) =>
        {
            if (dashboard.Process(name) is not { } process)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // A slow browser loses the oldest lines rather than slowing the service that writes them.
            var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(5000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
            using var subscription = process.Output.Subscribe(line => lines.Writer.TryWrite(line), out var recent);
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var aborted = http.RequestAborted;
            try
            {
                foreach (var line in recent)
                {
                    await WriteAsync(http.Response, line, aborted).ConfigureAwait(false);
                }

                await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                await foreach (var line in lines.Reader.ReadAllAsync(aborted).ConfigureAwait(false))
                {
                    await WriteAsync(http.Response, line, aborted).ConfigureAwait(false);
                    if (lines.Reader.Count == 0)
                    {
                        await http.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The page was closed.
            }
        });
    }

    private static Task WriteAsync(HttpResponse response, string line, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(LogLine.Parse(line), LogLineJson.Options);
        return response.WriteAsync("data: " + json + "\n\n", cancellationToken);
    }
}
