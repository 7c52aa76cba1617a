namespace IntegrationHub.Bus.Emulator.Storage;

/// <summary>
/// Storage identity of one message-holding entity. <see cref="LastSeq"/> and the duplicate-detection history
/// are touched only by the store's commit leader (one at a time), which is what makes sequence numbers follow commit order.
/// </summary>
internal sealed class EntityStorage(int id, string name, long lastSeq)
{
    public int Id { get; } = id;
    public string Name { get; } = name;
    public long LastSeq { get; set; } = lastSeq;

    /// <summary>
    /// The durably recorded bound on sequence numbers: every number handed out is at most this, so a restart that
    /// resumes from it never repeats one. Recorded a block ahead, so most commits need not rewrite the entity row.
    /// </summary>
    public long ReservedSeq { get; set; } = lastSeq;

    public bool RequiresDuplicateDetection { get; init; }
    public long DuplicateWindowMs { get; init; }

    /// <summary>message-id → time it was first accepted; pruned lazily.</summary>
    public Dictionary<string, long> SeenMessageIds { get; } = new(StringComparer.Ordinal);

    public long StorageKey(long seq) => ((long)Id << 44) | seq;
}
