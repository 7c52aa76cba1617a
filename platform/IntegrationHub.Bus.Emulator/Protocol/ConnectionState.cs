using Amqp;
using Amqp.Framing;
using Amqp.Listener;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// What the broker remembers per client connection: the tokens put on <c>$cbs</c> and the response links of
/// request/response nodes. Reply links are keyed per connection, never globally (spec §7.1: uamqp reuses the
/// same reply address in every connection).
/// </summary>
internal sealed class ConnectionState
{
    private const string Key = "integrationhub.state";
    private readonly Lock _gate = new();
    private readonly List<(string Path, long ExpiresMs)> _grants = [];
    private readonly List<(string Node, string? Address, ReplyLink Link)> _replyLinks = [];

    public bool Authenticated { get; init; }

    public static ConnectionState For(ListenerConnection connection, bool authenticated)
    {
        lock (connection.Properties)
        {
            if (connection.Properties.TryGetValue(Key, out var existing))
            {
                return (ConnectionState)existing;
            }

            var state = new ConnectionState { Authenticated = authenticated };
            connection.Properties[Key] = state;
            return state;
        }
    }

    public void Grant(string path, long expiresMs)
    {
        lock (_gate)
        {
            _grants.RemoveAll(g => g.Path.Equals(path, StringComparison.OrdinalIgnoreCase));
            _grants.Add((path, expiresMs));
        }
    }

    public bool IsAuthorized(string entityPath, long nowMs)
    {
        if (Authenticated)
        {
            return true;
        }

        lock (_gate)
        {
            foreach (var (path, expires) in _grants)
            {
                if (expires > nowMs && SasTokenValidator.Covers(path, entityPath))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public void AddReplyLink(string node, ListenerLink link, Attach attach)
    {
        var address = (attach.Target as Target)?.Address;
        var reply = new ReplyLink(link);
        link.InitializeSender((delta, _, _) => reply.AddCredit(delta), (_, _, _, _) => { }, null);
        lock (_gate)
        {
            _replyLinks.Add((node, address, reply));
        }

        link.Closed += (_, _) =>
        {
            lock (_gate)
            {
                _replyLinks.RemoveAll(r => ReferenceEquals(r.Link.Link, link));
            }
        };
    }

    /// <summary>The response link for a request: the one whose target is the reply-to, else any on that node.</summary>
    public ReplyLink? FindReplyLink(string node, string? replyTo)
    {
        lock (_gate)
        {
            ReplyLink? fallback = null;
            foreach (var (n, address, link) in _replyLinks)
            {
                if (!n.Equals(node, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (replyTo is not null && string.Equals(address, replyTo, StringComparison.Ordinal))
                {
                    return link;
                }

                fallback ??= link;
            }

            return fallback;
        }
    }
}

/// <summary>
/// A response link that honours the client's credit: a response ready before the client granted credit
/// (a request sent before its reply link finished attaching) waits here instead of violating flow control.
/// </summary>
internal sealed class ReplyLink(ListenerLink link)
{
    private readonly Lock _gate = new();
    private readonly Queue<Message> _pending = new();
    private int _credit;

    public ListenerLink Link { get; } = link;

    public void Send(Message message)
    {
        lock (_gate)
        {
            if (_credit <= 0)
            {
                _pending.Enqueue(message);
                return;
            }

            _credit--;
        }

        // Outside our lock: AMQPNetLite takes its session lock here, and its flow handling calls AddCredit.
        SendNow(message);
    }

    public void AddCredit(int delta)
    {
        List<Message>? ready = null;
        lock (_gate)
        {
            _credit = Math.Max(0, _credit + delta);
            while (_credit > 0 && _pending.TryDequeue(out var message))
            {
                _credit--;
                (ready ??= []).Add(message);
            }
        }

        foreach (var message in ready ?? [])
        {
            SendNow(message);
        }
    }

    private void SendNow(Message message)
    {
        try
        {
            Link.SendMessage(message);
        }
        catch (AmqpException)
        {
            // The client closed its response link; nothing to answer.
        }
    }
}
