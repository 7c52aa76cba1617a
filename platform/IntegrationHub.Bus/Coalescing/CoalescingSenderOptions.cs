namespace IntegrationHub.Bus.Coalescing;

/// <summary>Limits of one coalesced batch. The defaults keep a batch well inside the Standard tier's 256 KB.</summary>
public sealed record CoalescingSenderOptions
{
    /// <summary>At most this many messages travel in one batch transfer.</summary>
    public int MaxMessages { get; init; } = 64;

    /// <summary>
    /// Estimated batch size (bodies plus <see cref="PerMessageAllowance"/> each) at which a batch is closed. A message
    /// whose own estimate exceeds half of this is sent alone, so a large message never holds small ones back.
    /// </summary>
    public int MaxBytes { get; init; } = 192 * 1024;

    /// <summary>Room assumed for one message's header, properties and framing on top of its body.</summary>
    public int PerMessageAllowance { get; init; } = 1024;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessages, 1, nameof(MaxMessages));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1024, nameof(MaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(PerMessageAllowance, nameof(PerMessageAllowance));
    }
}
