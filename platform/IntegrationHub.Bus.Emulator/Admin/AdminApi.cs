using System.Net;
using IntegrationHub.Bus.Emulator.Engine;
using IntegrationHub.Bus.Emulator.Protocol;
using IntegrationHub.Bus.Emulator.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Admin;

/// <summary>
/// The admin HTTP API for the dashboard and tests (JSON): entity counts, peek, dead-letter peek, resubmit
/// dead letters, purge. Entity names contain slashes, so they travel as the <c>entity</c> query parameter.
/// </summary>
internal sealed class AdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApi(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static AdminApi Start(BrokerCore core, SendPath sendPath, string host, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Json(new { status = "healthy" }));
        app.MapGet("/api/entities", async () =>
        {
            var list = new List<EntityView>();
            foreach (var entity in core.Entities.Values)
            {
                var (active, scheduled, deadLetter, locked) = await entity.InvokeAsync(entity.Counts).ConfigureAwait(false);
                list.Add(new EntityView(entity.Name, entity.Name.Contains("/subscriptions/", StringComparison.Ordinal) ? "subscription" : "queue",
                    entity.Settings.RequiresSession, active, scheduled, deadLetter, locked));
            }

            list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return Results.Json(list);
        });
        app.MapGet("/api/messages", async (string entity, bool? deadLetter, int? count, long? from) =>
        {
            if (!core.Entities.TryGetValue(BrokerAddress.NormaliseEntity(entity), out var e))
            {
                return Results.NotFound(new { error = $"Unknown entity '{entity}'." });
            }

            var views = await e.InvokeAsync(() =>
            {
                var result = new List<MessageView>();
                foreach (var record in e.PeekRecords(from ?? 0, Math.Clamp(count ?? 50, 1, 1000), null, deadLetter ?? false))
                {
                    result.Add(MessageView.From(record, e.BodyOf(record)));
                }

                return result;
            }).ConfigureAwait(false);
            return Results.Json(views);
        });
        app.MapPost("/api/resubmit", async (string entity, long? sequenceNumber) =>
        {
            if (!core.Entities.TryGetValue(BrokerAddress.NormaliseEntity(entity), out var e))
            {
                return Results.NotFound(new { error = $"Unknown entity '{entity}'." });
            }

            var taken = await e.InvokeAsync(() => e.TakeDeadLetters(sequenceNumber)).ConfigureAwait(false);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var storage = e.Storage;
            core.Store.Enqueue(new ActionOp(w =>
            {
                foreach (var (oldSeq, fresh, body) in taken)
                {
                    w.Insert(storage, fresh, MessageCodec.Parse(body, withBody: false).Properties?.GetMessageId()?.ToString(), detectDuplicates: false);
                    w.Delete(storage, oldSeq);
                }
            }, error =>
            {
                if (error is null)
                {
                    var records = taken.ConvertAll(t => t.Record);
                    e.Post(() => e.OnCommitted(records));
                    done.SetResult();
                }
                else
                {
                    done.SetException(error);
                }
            }));
            await done.Task.ConfigureAwait(false);
            return Results.Json(new { resubmitted = taken.Count });
        });
        app.MapPost("/api/purge", async (string entity, bool? deadLetter) =>
        {
            if (!core.Entities.TryGetValue(BrokerAddress.NormaliseEntity(entity), out var e))
            {
                return Results.NotFound(new { error = $"Unknown entity '{entity}'." });
            }

            var purged = await e.InvokeAsync(() => e.Purge(deadLetter ?? false)).ConfigureAwait(false);
            return Results.Json(new { purged });
        });
        app.MapGet("/api/memory", () => Results.Json(ProcessMemory.AfterFullCollection()));
        app.StartAsync().GetAwaiter().GetResult();
        return new AdminApi(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal sealed record EntityView(string Name, string Kind, bool RequiresSession, int Active, int Scheduled, int DeadLetter, int Locked);
}
