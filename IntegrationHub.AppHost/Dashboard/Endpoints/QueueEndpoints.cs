using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Runtime.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>
/// The queues page, over the embedded broker's admin API: counts per queue, the dead letters of one queue with
/// their reason (bodies masked with the hub's own redaction unless revealed), and resubmit one or all.
/// </summary>
public static class QueueEndpoints
{
    public static void MapQueueEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/queues", async (DashboardContext dashboard, CancellationToken cancellationToken) =>
        {
            if (dashboard.BrokerAdmin is not { } admin)
            {
                return Results.Json(new { error = "Queue counts are only available for the embedded broker." }, statusCode: StatusCodes.Status501NotImplemented);
            }

            var entities = await GetAsync<List<EntityView>>(dashboard, new Uri(admin, "api/entities"), cancellationToken).ConfigureAwait(false);
            return entities is null ? BrokerDown() : Results.Json(entities);
        });
        app.MapGet("/api/queues/deadletters", async (DashboardContext dashboard, string entity, bool? reveal, CancellationToken cancellationToken) =>
        {
            if (dashboard.BrokerAdmin is not { } admin)
            {
                return Results.Json(new { error = "Dead letters are only available for the embedded broker." }, statusCode: StatusCodes.Status501NotImplemented);
            }

            var uri = new Uri(admin, $"api/messages?entity={Uri.EscapeDataString(entity)}&deadLetter=true&count=200");
            var messages = await GetAsync<List<AdminMessage>>(dashboard, uri, cancellationToken).ConfigureAwait(false);
            if (messages is null)
            {
                return BrokerDown();
            }

            return Results.Json(messages.Select(m => new DeadLetterView(m.SequenceNumber, m.MessageId, m.SessionId, m.EnqueuedTimeUtc, m.DeliveryCount,
                m.DeadLetterReason, m.DeadLetterErrorDescription, reveal == true ? m.Body : MessageRedactor.Redact(m.Body), reveal == true)));
        });
        app.MapPost("/api/queues/resubmit", async (DashboardContext dashboard, string entity, long? sequenceNumber, CancellationToken cancellationToken) =>
        {
            if (dashboard.BrokerAdmin is not { } admin)
            {
                return Results.Json(new { error = "Resubmit is only available for the embedded broker." }, statusCode: StatusCodes.Status501NotImplemented);
            }

            var query = $"api/resubmit?entity={Uri.EscapeDataString(entity)}" + (sequenceNumber is { } seq ? $"&sequenceNumber={seq}" : string.Empty);
            try
            {
                using var response = await dashboard.Http.PostAsync(new Uri(admin, query), null, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return Results.Content(body, "application/json", null, (int)response.StatusCode);
            }
            catch (HttpRequestException)
            {
                return BrokerDown();
            }
        });
    }

    private static async Task<T?> GetAsync<T>(DashboardContext dashboard, Uri uri, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await dashboard.Http.GetFromJsonAsync<T>(uri, LogLineJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return null;
        }
    }

    private static IResult BrokerDown() =>
        Results.Json(new { error = "The broker's admin API does not answer (is the bus restarting?)." }, statusCode: StatusCodes.Status503ServiceUnavailable);

    private sealed record EntityView(string Name, string Kind, bool RequiresSession, int Active, int Scheduled, int DeadLetter, int Locked);

    private sealed record AdminMessage(long SequenceNumber, string? MessageId, string? SessionId, DateTime EnqueuedTimeUtc, int DeliveryCount,
        string? DeadLetterReason, string? DeadLetterErrorDescription, string? Body);

    private sealed record DeadLetterView(long SequenceNumber, string? MessageId, string? SessionId, DateTime EnqueuedTimeUtc, int DeliveryCount,
        string? Reason, string? Description, string? Body, bool Revealed);
}
