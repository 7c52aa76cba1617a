using System.Net.Http.Json;
using IntegrationHub.Runtime.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.AppHost.Dashboard.Endpoints;

/// <summary>
/// The message journey: every audit event of one control id with the time of each hop, the message as the server
/// received it and as the sender sent it (message-store records), and what the mock MPI recorded — masked unless
/// revealed. Also the recent messages.
/// </summary>
public static class JourneyEndpoints
{
    public static void MapJourneyEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/journey/recent", (DashboardContext dashboard) => Results.Json(dashboard.Journey.Recent(50)));
        app.MapGet("/api/journey", async (DashboardContext dashboard, string controlId, bool? reveal, CancellationToken cancellationToken) =>
        {
            var show = reveal == true;
            var events = dashboard.Journey.EventsOf(controlId);
            var hops = new List<object>(events.Count);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                hops.Add(new
                {
                    e.MicroserviceId,
                    e.EventType,
                    e.Timestamp,
                    e.ValidationResult,
                    e.ErrorDetails,
                    e.MessageContent,
                    hopMs = i == 0 ? (double?)null : (e.Timestamp - events[i - 1].Timestamp).TotalMilliseconds,
                    sinceFirstMs = (e.Timestamp - events[0].Timestamp).TotalMilliseconds,
                });
            }

            var stored = dashboard.Journey.MessagesOf(controlId).Select(m => new
            {
                component = m.ProcessingComponent,
                source = m.SourceSystem,
                target = m.TargetSystem,
                m.ReceivedAt,
                payload = show ? m.RawPayload : MessageRedactor.Redact(m.RawPayload),
            });
            var mpi = await MockMpiCopiesAsync(dashboard, controlId, show, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { controlId, revealed = show, events = hops, stored, mpi });
        });
    }

    /// <summary>What the mock MPI recorded under this control id (empty when it is down).</summary>
    private static async Task<List<object>> MockMpiCopiesAsync(DashboardContext dashboard, string controlId, bool reveal, CancellationToken cancellationToken)
    {
        var copies = new List<object>();
        try
        {
            var records = await dashboard.Http.GetFromJsonAsync<List<MpiRecord>>(new Uri(dashboard.MockMpiApi, "messages"), cancellationToken).ConfigureAwait(false) ?? [];
            foreach (var record in records.Where(r => r.ControlId == controlId))
            {
                var payload = await dashboard.Http.GetStringAsync(new Uri(dashboard.MockMpiApi, $"messages/{record.Sequence}"), cancellationToken).ConfigureAwait(false);
                copies.Add(new { record.Sequence, record.ReceivedAt, record.Response, payload = reveal ? payload : MessageRedactor.Redact(payload) });
            }
        }
        catch (HttpRequestException)
        {
            // The mock MPI is stopped or restarting: the journey still shows what the hub knows.
        }

        return copies;
    }

    private sealed record MpiRecord(long Sequence, string ControlId, DateTimeOffset ReceivedAt, string Response);
}
