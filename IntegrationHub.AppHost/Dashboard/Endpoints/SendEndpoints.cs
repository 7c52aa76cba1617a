using IntegrationHub.AppHost.Dashboard.Journey;
using IntegrationHub.Mllp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>"Send a message": the samples folder's messages, and one ER7 message sent over MLLP to a flow's server.</summary>
public static class SendEndpoints
{
    public static void MapSendEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/flows", (DashboardContext dashboard) =>
            Results.Json(dashboard.Model.Flows.Select(f => new { f.Name, f.WorkflowId, port = f.Server.PortOf("mllp") })));
        app.MapGet("/api/samples", (DashboardContext dashboard) =>
            Results.Json(dashboard.Options.SamplesDirectory is { } dir && Directory.Exists(dir)
                ? Directory.GetFiles(dir, "*.hl7").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
                : []));
        app.MapGet("/api/samples/{file}", async (DashboardContext dashboard, string file, CancellationToken cancellationToken) =>
        {
            // Only a file directly in the samples folder: the name comes from the browser.
            if (dashboard.Options.SamplesDirectory is not { } dir || file != Path.GetFileName(file) || !File.Exists(Path.Combine(dir, file)))
            {
                return Results.NotFound();
            }

            return Results.Text(await File.ReadAllTextAsync(Path.Combine(dir, file), cancellationToken).ConfigureAwait(false));
        });
        app.MapPost("/api/send", async (DashboardContext dashboard, SendRequest request, CancellationToken cancellationToken) =>
        {
            var flow = dashboard.Model.Flows.FirstOrDefault(f => f.Name == request.Flow);
            if (flow is null || string.IsNullOrWhiteSpace(request.Message))
            {
                return Results.BadRequest(new { error = "Choose a flow and give a message." });
            }

            // Segments end with CR on the wire whatever the text box used.
            var message = request.Message.Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r').TrimEnd('\r');
            await using var client = new MllpClient(new MllpClientOptions
            {
                Port = flow.Server.PortOf("mllp")!.Value,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                AckTimeout = TimeSpan.FromSeconds(30),
            });
            MllpSendResult result;
            try
            {
                result = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException or IOException)
            {
                return Results.Json(new { controlId = ControlIds.Of(message), status = "NotConnected", ack = string.Empty, error = ex.Message, elapsedMs = 0.0 });
            }

            return Results.Json(new
            {
                controlId = ControlIds.Of(message),
                status = result.Status.ToString(),
                ack = result.ResponseText,
                error = result.Error,
                elapsedMs = result.Elapsed.TotalMilliseconds,
            });
        });
    }

    public sealed record SendRequest(string Flow, string Message);
}
