using System.Threading.Channels;
using Amqp;

namespace IntegrationHub.Bus.Amqp;

/// <summary>
/// One attached receiver link and the messages that arrived on it. Messages are settled only on the link they
/// came from; once the link is gone their locks are gone too.
/// </summary>
internal sealed class ReceiverLinkState
{
    private readonly Channel<Message> _arrived = Channel.CreateUnbounded<Message>();
    private int _outstandingCredit;

    public ReceiverLinkState(ReceiverLink link, LinkAttacher attacher, AmqpConnectionContext context)
    {
        Link = link;
        Attacher = attacher;
        Context = context;
        attacher.Closed.ContinueWith(_ => _arrived.Writer.TryComplete(), TaskScheduler.Default);
    }

    public ReceiverLink Link { get; }

    public LinkAttacher Attacher { get; }

    public AmqpConnectionContext Context { get; }

    public bool IsUsable => !Link.IsClosed && Context.IsOpen;

    public ChannelReader<Message> Arrived => _arrived.Reader;

    /// <summary>Called on AMQPNetLite's I/O thread for each transfer.</summary>
    public void OnMessage(IReceiverLink link, Message message)
    {
        Interlocked.Decrement(ref _outstandingCredit);
        if (!_arrived.Writer.TryWrite(message))
        {
            // The link is closing; the broker releases the lock with the link.
        }
    }

    /// <summary>Grants just enough credit that at most <paramref name="wanted"/> messages are in flight or buffered (no prefetch beyond that).</summary>
    public void EnsureCredit(int wanted)
    {
        var buffered = _arrived.Reader.Count;
        var outstanding = Volatile.Read(ref _outstandingCredit);
        var delta = wanted - buffered - Math.Max(0, outstanding);
        if (delta > 0)
        {
            Interlocked.Add(ref _outstandingCredit, delta);
            Link.SetCredit(delta, CreditMode.Manual);
        }
    }
}
