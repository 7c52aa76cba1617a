using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.AppHost.Testing;

/// <summary>A queue's message counts as the embedded broker reports them.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="Active">Messages waiting to be received.</param>
/// <param name="Scheduled">Messages scheduled for later.</param>
/// <param name="DeadLetter">Messages in the queue's dead-letter queue.</param>
/// <param name="Locked">Messages a receiver holds (peek-locked).</param>
public sealed record QueueCounts(string Name, int Active, int Scheduled, int DeadLetter, int Locked)
{
    /// <summary>Nothing waiting, scheduled or in flight (dead letters aside).</summary>
    public bool IsDrained => Active == 0 && Scheduled == 0 && Locked == 0;
}

/// <summary>A message stored on a queue or its dead-letter queue.</summary>
/// <param name="SequenceNumber">The broker's sequence number.</param>
/// <param name="MessageId">MessageId (the hub sets it to MSH-10).</param>
/// <param name="SessionId">SessionId.</param>
/// <param name="DeliveryCount">How many times it was delivered.</param>
/// <param name="Reason">DeadLetterReason (e.g. <c>MaxDeliveryCountExceeded</c>), null on a live message.</param>
/// <param name="Description">DeadLetterErrorDescription.</param>
/// <param name="Body">The body as text (the HL7 message).</param>
public sealed record QueuedMessage(long SequenceNumber, string? MessageId, string? SessionId, int DeliveryCount, string? Reason, string? Description, string? Body);

/// <summary>The embedded broker's admin API (counts, peek, dead letters, resubmit, purge) for the hub's queues.</summary>
public sealed class BusQueues : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    internal BusQueues(int adminPort)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every queue's counts, by name.</summary>
    public async Task<IReadOnlyDictionary<string, QueueCounts>> CountsAsync(CancellationToken cancellationToken = default)
    {
        var entities = await _http.GetFromJsonAsync<List<QueueCounts>>("api/entities", Json, cancellationToken).ConfigureAwait(false) ?? [];
        return entities.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Up to <paramref name="count"/> messages waiting on <paramref name="queue"/>, oldest first, without receiving them.</summary>
    public Task<IReadOnlyList<QueuedMessage>> PeekAsync(string queue, int count = 1000, CancellationToken cancellationToken = default) =>
        MessagesAsync(queue, deadLetter: false, count, cancellationToken);

    /// <summary>The dead letters of <paramref name="queue"/>, with their reason and description.</summary>
    public Task<IReadOnlyList<QueuedMessage>> DeadLettersAsync(string queue, CancellationToken cancellationToken = default) =>
        MessagesAsync(queue, deadLetter: true, 1000, cancellationToken);

    /// <summary>Moves every dead letter of <paramref name="queue"/> back onto it (as new messages); returns how many.</summary>
    public async Task<int> ResubmitDeadLettersAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(EntityUri("api/resubmit", queue), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<ResubmitResult>(Json, cancellationToken).ConfigureAwait(false);
        return result?.Resubmitted ?? 0;
    }

    /// <summary>Deletes every message of <paramref name="queue"/> (or of its dead-letter queue); returns how many.</summary>
    public async Task<int> PurgeAsync(string queue, bool deadLetter = false, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(EntityUri("api/purge", queue, deadLetter ? "&deadLetter=true" : string.Empty), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<PurgeResult>(Json, cancellationToken).ConfigureAwait(false);
        return result?.Purged ?? 0;
    }

    private async Task<IReadOnlyList<QueuedMessage>> MessagesAsync(string queue, bool deadLetter, int count, CancellationToken cancellationToken)
    {
        var uri = EntityUri("api/messages", queue, $"&deadLetter={(deadLetter ? "true" : "false")}&count={count}");
        var views = await _http.GetFromJsonAsync<List<View>>(uri, Json, cancellationToken).ConfigureAwait(false) ?? [];
        return views.ConvertAll(v => new QueuedMessage(v.SequenceNumber, v.MessageId, v.SessionId, v.DeliveryCount, v.DeadLetterReason, v.DeadLetterErrorDescription, v.Body));
    }

    // Entity names may contain slashes, so they travel as a query parameter.
    private static Uri EntityUri(string path, string queue, string more = "") =>
        new($"{path}?entity={Uri.EscapeDataString(queue)}{more}", UriKind.Relative);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record View(long SequenceNumber, string? MessageId, string? SessionId, int DeliveryCount, string? DeadLetterReason, string? DeadLetterErrorDescription, string? Body);

    private sealed record ResubmitResult(int Resubmitted);

    private sealed record PurgeResult(int Purged);
}
