using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Runtime.Events;

/// <summary>
/// Emits the audit events of spec §11: a log record whose message is exactly <c>Integration Hub Event</c> with
/// every field as a structured dimension (the NOC dashboard's queries depend on both), and the same event to
/// every registered <see cref="IAuditSink"/>. Message content is redacted unless redaction is switched off.
/// </summary>
public sealed class EventLogger(ServiceIdentitySettings identity, ILogger<EventLogger> logger, IEnumerable<IAuditSink> sinks, TimeProvider time)
{
    public const string LogMessage = "Integration Hub Event";

    /// <summary>Whether patient data is masked in events (HL7_LOG_REDACTION_ENABLED, on by default).</summary>
    public bool RedactsPatientData => identity.RedactPatientData;
    private static readonly EventId HubEventId = new(1000, "IntegrationHubEvent");

    // A log line is not HTML: keep '<', '&' and non-ASCII text (names of places, error details) readable.
    private static readonly JavaScriptEncoder LineEncoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private readonly IAuditSink[] _sinks = [.. sinks];

    public HubEvent Received(string content, string? validationResult = null, string? correlationId = null, string? controlId = null) =>
        Emit(HubEventType.MessageReceived, content, validationResult, null, correlationId, controlId);

    public HubEvent Processed(string content, string? validationResult = null, string? correlationId = null, string? controlId = null) =>
        Emit(HubEventType.MessageProcessed, content, validationResult, null, correlationId, controlId);

    public HubEvent Sent(string content, string? validationResult = null, string? correlationId = null, string? controlId = null) =>
        Emit(HubEventType.MessageSent, content, validationResult, null, correlationId, controlId);

    public HubEvent Failed(string content, string errorDetails, string? validationResult = null, string? correlationId = null, string? controlId = null) =>
        Emit(HubEventType.MessageFailed, content, validationResult, errorDetails, correlationId, controlId);

    public HubEvent Validation(string content, string validationResult, bool isSuccess, string? correlationId = null, string? controlId = null) =>
        Emit(isSuccess ? HubEventType.ValidationSuccess : HubEventType.ValidationFailed, content, validationResult, null, correlationId, controlId);

    private HubEvent Emit(HubEventType type, string content, string? validationResult, string? errorDetails, string? correlationId, string? controlId)
    {
        var activity = Activity.Current;
        var hubEvent = new HubEvent(
            identity.WorkflowId,
            identity.MicroserviceId,
            type,
            time.GetUtcNow(),
            identity.RedactPatientData ? Redacted(content) : content ?? string.Empty,
            validationResult,
            errorDetails,
            correlationId,
            controlId,
            activity?.TraceId.ToHexString(),
            activity?.SpanId.ToHexString());

        var level = type is HubEventType.MessageFailed or HubEventType.ValidationFailed ? LogLevel.Warning : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, HubEventId, new EventState(hubEvent, identity.EventsToAzureMonitor), null, static (state, _) => state.Text);
        }

        foreach (var sink in _sinks)
        {
            sink.Publish(hubEvent);
        }

        return hubEvent;
    }

    /// <summary>
    /// A message's events all carry the same payload instance, and most are emitted one after another on one thread,
    /// so the last redaction made on this thread is kept and reused for the same instance instead of redacting
    /// the whole message again for each event.
    /// </summary>
    private static string Redacted(string content)
    {
        if (_lastRedaction is { } last && ReferenceEquals(last.Content, content))
        {
            return last.Redacted;
        }

        var redacted = MessageRedactor.Redact(content);
        _lastRedaction = new Redaction(content, redacted);
        return redacted;
    }

    [ThreadStatic]
    private static Redaction? _lastRedaction;

    private sealed record Redaction(string Content, string Redacted);

    /// <summary>
    /// Structured state whose original format is the fixed message, so every exporter reports it verbatim. The
    /// rendered text is the fixed message alone for Azure Monitor (spec §11.2: its queries match it exactly), and
    /// otherwise <c>Integration Hub Event: {…}</c> with the fields as JSON (the existing system's local fallback), so a
    /// console or container log shows what happened, to which message, and why. Rendered once, only if asked for.
    /// </summary>
    private sealed class EventState(HubEvent hubEvent, bool messageOnly) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly IReadOnlyList<KeyValuePair<string, object?>> _dimensions = hubEvent.Dimensions();
        private string? _text;

        public string Text => _text ??= messageOnly ? LogMessage : string.Concat(LogMessage, ": ", LineFields());

        public int Count => _dimensions.Count + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index < _dimensions.Count ? _dimensions[index] : new("{OriginalFormat}", LogMessage);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Text;

        /// <summary>
        /// The fields as one JSON object, without the message content: a line stays short and cheap to write, and
        /// the content (redacted) is still in the record's fields and in the audit queue.
        /// </summary>
        private string LineFields()
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LineEncoder }))
            {
                AuditBatch.WriteObject(writer, _dimensions, includeContent: false);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
