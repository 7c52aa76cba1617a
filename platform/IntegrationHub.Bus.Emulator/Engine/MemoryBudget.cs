namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>
/// Caps the bytes of message bodies cached in memory across all entities. Beyond the cap bodies are read back
/// from SQLite at delivery, which keeps memory flat with a large backlog.
/// </summary>
internal sealed class MemoryBudget(long maxBytes)
{
    private long _used;

    public bool TryReserve(int bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= maxBytes)
        {
            return true;
        }

        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    public void Reserve(int bytes) => Interlocked.Add(ref _used, bytes);

    public void Release(int bytes) => Interlocked.Add(ref _used, -bytes);
}
