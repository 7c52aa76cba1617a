using Amqp.Framing;
using Amqp.Listener;

namespace IntegrationHub.Bus.Emulator.Engine;

/// <summary>A client's receiving link on a queue, subscription or dead-letter queue, as the entity sees it.</summary>
internal sealed class ConsumerLink(ListenerLink link, MessagingEntity entity, bool deadLetter, bool receiveAndDelete)
{
    public ListenerLink Link { get; } = link;
    public MessagingEntity Entity { get; } = entity;
    public bool DeadLetter { get; } = deadLetter;
    public bool ReceiveAndDelete { get; } = receiveAndDelete;

    /// <summary>Credit the client granted and we have not used; tracked here because the link's own is internal.</summary>
    public int Credit { get; set; }
    public bool Attached { get; set; }
    public bool Closed { get; set; }
    public HashSet<MessageRecord> Unsettled { get; } = new(ReferenceEqualityComparer.Instance);

    // Session receivers.
    public bool IsSessionReceiver { get; init; }
    public SessionQueue? Session { get; set; }
    public Attach? PendingAttach { get; init; }
    public object? SessionFilterDescriptor { get; init; }
    public long WaitDeadlineMs { get; set; }

    [ThreadStatic]
    private static bool _completingAttach;

    /// <summary>
    /// True while this thread is inside <see cref="CompleteAttach"/>. AMQPNetLite 2.5.5 reports, at attach
    /// completion, credit that its flow handler already reported when the client's flow raced ahead of a
    /// completion made off the I/O thread; counting it twice would overrun the client's credit.
    /// </summary>
    public static bool CompletingAttach => _completingAttach;

    public void CompleteAttach(Attach attach, Error? error)
    {
        _completingAttach = true;
        try
        {
            Link.CompleteAttach(attach, error);
        }
        finally
        {
            _completingAttach = false;
        }
    }
}

/// <summary>
/// The message object handed to AMQPNetLite for a delivery: it carries the lock it stands for, so a disposition
/// finds its message without a lookup, and the delivery-tag handler knows which lock token to put on the wire.
/// </summary>
internal sealed class OutboundMessage(MessageRecord record, Guid lockToken) : Amqp.Message
{
    public MessageRecord Record { get; } = record;
    public Guid LockToken { get; } = lockToken;
}
