using System.Text.Json.Serialization;

namespace IntegrationHub.Runtime.Store;

/// <summary>
/// The message-store record of spec §10.6; the keys are the contract with the store service and the replay job.
/// </summary>
public sealed record MessageStoreRecord(
    [property: JsonPropertyName("MessageReceivedAt")] string MessageReceivedAt,
    [property: JsonPropertyName("CorrelationId")] string CorrelationId,
    [property: JsonPropertyName("SourceSystem")] string SourceSystem,
    [property: JsonPropertyName("ProcessingComponent")] string ProcessingComponent,
    [property: JsonPropertyName("TargetSystem")] string TargetSystem,
    [property: JsonPropertyName("RawPayload")] string RawPayload,
    [property: JsonPropertyName("XmlPayload")] string? XmlPayload,
    [property: JsonPropertyName("SessionId")] string SessionId);

[JsonSerializable(typeof(MessageStoreRecord))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class MessageStoreJsonContext : JsonSerializerContext;
