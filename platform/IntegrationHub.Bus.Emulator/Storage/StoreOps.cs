using IntegrationHub.Bus.Emulator.Engine;

namespace IntegrationHub.Bus.Emulator.Storage;

/// <summary>One unit of work for the group-commit writer; it runs inside the shared transaction.</summary>
internal abstract class StoreOp
{
    public abstract void Execute(MessageStore.Writer writer);

    /// <summary>Called on the committing thread after the transaction commits (null) or fails.</summary>
    public abstract void Complete(Exception? error);
}

/// <summary>New messages for one or more entities (a topic fans out); sequence numbers are assigned here.</summary>
/// <remarks>
/// Message ids travel beside the records (same index) rather than in them: the store and duplicate detection need
/// them once, and the in-memory index of a large backlog should not hold one string per message.
/// </remarks>
internal sealed class InsertOp(
    IReadOnlyList<(EntityStorage Entity, MessageRecord Record)> items,
    IReadOnlyList<string?> messageIds,
    Action<InsertOp, Exception?> done)
    : StoreOp
{
    public IReadOnlyList<(EntityStorage Entity, MessageRecord Record)> Items { get; } = items;

    public override void Execute(MessageStore.Writer writer)
    {
        for (var i = 0; i < Items.Count; i++)
        {
            writer.Insert(Items[i].Entity, Items[i].Record, messageIds[i]);
        }
    }

    public override void Complete(Exception? error) => done(this, error);
}

/// <summary>A generic operation for the rarer paths (settlements, dead-lettering, admin).</summary>
internal sealed class ActionOp(Action<MessageStore.Writer> execute, Action<Exception?>? done) : StoreOp
{
    public override void Execute(MessageStore.Writer writer) => execute(writer);

    public override void Complete(Exception? error) => done?.Invoke(error);
}
