using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.AppHost.Testing;

/// <summary>One message as the mock MPI received it.</summary>
/// <param name="Sequence">Arrival number (1-based).</param>
/// <param name="ControlId">MSH-10 of what arrived.</param>
/// <param name="Response">What the mock answered: <c>AA</c>, <c>AE</c>, <c>AR</c>, <c>none</c> or <c>closed</c>.</param>
/// <param name="ReceivedAt">Arrival time (UTC).</param>
/// <param name="Payload">The message exactly as it arrived (segments separated by CR).</param>
public sealed record MpiMessage(long Sequence, string ControlId, string Response, DateTimeOffset ReceivedAt, string Payload)
{
    /// <summary>True when the mock acknowledged it positively: the sender counts it as delivered.</summary>
    public bool Accepted => Response == "AA";
}

/// <summary>How the mock MPI answers; see <c>tools/IntegrationHub.MockMpi/MockMpiMode.cs</c>.</summary>
public enum MpiMode
{
    /// <summary>AA (AE when the message contains the text <c>fail</c>).</summary>
    Normal,

    /// <summary>Always AE.</summary>
    AE,

    /// <summary>Always AR.</summary>
    AR,

    /// <summary>Never answers; the connection stays open until the sender's ACK timeout.</summary>
    Silent,

    /// <summary>Answers as <see cref="Normal"/> after a delay.</summary>
    Late,

    /// <summary>Closes the connection without a byte.</summary>
    Close,
}

/// <summary>
/// The mock MPI's HTTP control API: what it received and how it answers. The listing lives in the mock's memory
/// (a restart of the <c>mock-mpi</c> process empties it); payloads are read from its output folder.
/// </summary>
public sealed class MockMpiClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string _outputDirectory;
    private readonly TimeSpan _defaultWait;
    private readonly Action _onTimeout;

    internal MockMpiClient(int httpPort, string outputDirectory, TimeSpan defaultWait, Action onTimeout)
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        _outputDirectory = outputDirectory;
        _defaultWait = defaultWait;
        _onTimeout = onTimeout;
    }

    /// <summary>Everything received so far, in arrival order, with payloads.</summary>
    public async Task<IReadOnlyList<MpiMessage>> ReceivedAsync(CancellationToken cancellationToken = default)
    {
        var records = await _http.GetFromJsonAsync<List<Record>>("messages", Json, cancellationToken).ConfigureAwait(false) ?? [];
        var messages = new List<MpiMessage>(records.Count);
        foreach (var record in records)
        {
            // The mock writes the file before it lists the record, so a listed file is complete.
            var payload = record.File is { } file
                ? await File.ReadAllTextAsync(Path.Combine(_outputDirectory, file), cancellationToken).ConfigureAwait(false)
                : await _http.GetStringAsync(new Uri("messages/" + record.Sequence.ToString(CultureInfo.InvariantCulture), UriKind.Relative), cancellationToken).ConfigureAwait(false);
            messages.Add(new MpiMessage(record.Sequence, record.ControlId, record.Response, record.ReceivedAt, payload));
        }

        return messages;
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages matching <paramref name="filter"/> (all when null)
    /// have been accepted (answered AA); returns the accepted matching ones in arrival order.
    /// </summary>
    public async Task<IReadOnlyList<MpiMessage>> WaitForAcceptedAsync(int count, Func<MpiMessage, bool>? filter = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        List<MpiMessage> accepted = [];
        await Poll.UntilAsync(
            async () =>
            {
                accepted = (await ReceivedAsync(cancellationToken).ConfigureAwait(false)).Where(m => m.Accepted && (filter?.Invoke(m) ?? true)).ToList();
                return accepted.Count >= count;
            },
            timeout ?? _defaultWait,
            () => $"the mock MPI to accept {count} message(s); it has accepted {accepted.Count}",
            _onTimeout,
            cancellationToken).ConfigureAwait(false);
        return accepted;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived, whatever the mock answered.</summary>
    public async Task<IReadOnlyList<MpiMessage>> WaitForReceivedAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<MpiMessage> received = [];
        await Poll.UntilAsync(
            async () => (received = await ReceivedAsync(cancellationToken).ConfigureAwait(false)).Count >= count,
            timeout ?? _defaultWait,
            () => $"the mock MPI to receive {count} message(s); it has {received.Count}",
            _onTimeout,
            cancellationToken).ConfigureAwait(false);
        return received;
    }

    /// <summary>
    /// Changes how the mock answers from the next message on. <paramref name="failEvery"/> above 0 answers every Nth
    /// message with <paramref name="failMode"/> instead; <paramref name="delay"/> is how late <see cref="MpiMode.Late"/> answers.
    /// </summary>
    public async Task SetModeAsync(MpiMode mode, int? failEvery = null, MpiMode? failMode = null, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { "mode=" + Name(mode) };
        if (failEvery is { } every)
        {
            query.Add("failEvery=" + every.ToString(CultureInfo.InvariantCulture));
        }

        if (failMode is { } fail)
        {
            query.Add("failMode=" + Name(fail));
        }

        if (delay is { } late)
        {
            query.Add("delayMs=" + ((int)late.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _http.PostAsync(new Uri("mode?" + string.Join('&', query), UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Back to the start-up behaviour, with an empty listing (the files stay).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri("reset", UriKind.Relative), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string Name(MpiMode mode) => mode.ToString().ToLowerInvariant();

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record Record(long Sequence, string ControlId, string? File, int SizeBytes, DateTimeOffset ReceivedAt, string Response);
}
