using System.Security.Cryptography.X509Certificates;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Engine;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// Our own AMQPNetLite container (instead of ContainerHost): every attach comes here with the raw attach, and
/// every received message comes with its encoded bytes. Routing: <c>$cbs</c>, <c>…/$management</c>, entity
/// send links (queue/topic), entity receive links (queue, subscription, dead-letter queue).
/// </summary>
internal sealed partial class BrokerContainer(BrokerCore core, ILogger logger) : IContainer
{
    private static readonly Symbol TimeoutKey = new("com.microsoft:timeout");
    private readonly CbsNode _cbs = new(core.Options, logger);
    private readonly SendPath _sendPath = new(core.Store, core.Options.MaxMessageSize);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ListenerConnection, byte> _connections = new();
    private ManagementNode? _management;

    public X509Certificate2? ServiceCertificate { get; set; }

    public IDictionary<string, TransportProvider> CustomTransports { get; } = new Dictionary<string, TransportProvider>();

    internal SendPath SendPath => _sendPath;

    public Message CreateMessage(ByteBuffer buffer)
    {
        // Keep the exact bytes: they are what gets stored and re-delivered.
        return new InboundMessage(buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray());
    }

    public Link CreateLink(ListenerConnection connection, ListenerSession session, Attach attach) => new ListenerLink(session, attach);

    public bool AttachLink(ListenerConnection connection, ListenerSession session, Link link, Attach attach)
    {
        var listenerLink = (ListenerLink)link;
        var state = ConnectionState.For(connection, connection.Principal?.Identity?.IsAuthenticated == true);
        if (_connections.TryAdd(connection, 0))
        {
            connection.Closed += (c, _) => _connections.TryRemove((ListenerConnection)c, out byte _);
        }

        var clientSends = !attach.Role;
        var rawAddress = clientSends ? (attach.Target as Target)?.Address : (attach.Source as Source)?.Address;
        var address = BrokerAddress.Parse(rawAddress)
            ?? throw Refuse(ErrorCode.InvalidField, "The link address is empty.");
        switch (address.Kind)
        {
            case AddressKind.Cbs:
                AttachRequestResponse(state, "$cbs", listenerLink, attach, clientSends, (l, m) => _cbs.Handle(state, l, m));
                return true;
            case AddressKind.Management:
                var (entity, topic) = Resolve(address);
                var target = entity ?? topic!.Subscriptions[0].Subscription;
                Authorize(state, address);
                _management ??= new ManagementNode(_sendPath);
                AttachRequestResponse(state, address.Node + "/$management", listenerLink, attach, clientSends,
                    (l, m) => _management.Handle(state, address, entity ?? target, topic, l, m));
                return true;
            default:
                return clientSends ? AttachSender(state, address, listenerLink, attach) : AttachReceiver(state, address, listenerLink, attach);
        }
    }

    /// <summary>Closes every client connection (broker stop): clients see the connection drop, as with a real restart.</summary>
    public void CloseConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            try
            {
                connection.Close(TimeSpan.Zero, new Error(new Symbol("amqp:connection:forced")) { Description = "The broker is stopping." });
            }
            catch (AmqpException)
            {
                // Already closing.
            }
        }
    }

    private static AmqpException Refuse(string condition, string description) =>
        new(new Error(new Symbol(condition)) { Description = description });

    private static void AttachRequestResponse(ConnectionState state, string node, ListenerLink link, Attach attach, bool clientSends,
        Action<ListenerLink, Message> onRequest)
    {
        if (clientSends)
        {
            link.InitializeReceiver(100, (l, m, _, _) => onRequest(l, m), null);
        }
        else
        {
            state.AddReplyLink(node, link, attach);
        }
    }

    private (MessagingEntity? Entity, TopicEntity? Topic) Resolve(BrokerAddress address)
    {
        if (core.Entities.TryGetValue(address.EntityPath, out var entity))
        {
            return (entity, null);
        }

        if (!address.DeadLetter && core.Topics.TryGetValue(address.EntityPath, out var topic))
        {
            return (null, topic);
        }

        throw Refuse(ErrorCode.NotFound, $"The messaging entity '{address.EntityPath}' could not be found.");
    }

    /// <summary>
    /// The token must cover the node actually attached: a token for <c>q</c> covers <c>q/$deadletterqueue</c> and
    /// <c>q/$management</c>; clients may also put a token for exactly those sub-paths (the SDKs do).
    /// </summary>
    private void Authorize(ConnectionState state, BrokerAddress address)
    {
        var path = address.Kind == AddressKind.Management ? address.Node + "/$management" : address.Node;
        if (core.Options.RequireAuthorization && !state.IsAuthorized(path, MessagingEntity.Now()))
        {
            LogUnauthorized(logger, path);
            throw Refuse(ErrorCode.UnauthorizedAccess, $"Unauthorized access to '{path}': put a token on $cbs first.");
        }
    }

    private bool AttachSender(ConnectionState state, BrokerAddress address, ListenerLink link, Attach attach)
    {
        var (entity, topic) = Resolve(address);
        if (address.DeadLetter || (entity is not null && entity.Name.Contains("/subscriptions/", StringComparison.OrdinalIgnoreCase)))
        {
            throw Refuse(ErrorCode.NotAllowed, $"Cannot send to '{address.Node}'.");
        }

        Authorize(state, address);
        attach.MaxMessageSize = (ulong)core.Options.MaxMessageSize;
        link.InitializeReceiver(500, (l, m, _, _) => OnSend(l, m, entity, topic), null);
        return true;
    }

    private void OnSend(ListenerLink link, Message message, MessagingEntity? entity, TopicEntity? topic)
    {
        var raw = ((InboundMessage)message).Raw;
        List<byte[]> messages;
        try
        {
            if (message.Format == MessageCodec.BatchFormat)
            {
                messages = MessageCodec.Parse(raw, withBody: true).DataSections ?? [];
            }
            else
            {
                messages = [raw];
            }

            _sendPath.Submit(entity, topic, messages, (error, _) => Settle(link, message, error));
        }
        catch (AmqpException ex)
        {
            Settle(link, message, ex.Error);
        }
    }

    private static void Settle(ListenerLink link, Message message, Error? error)
    {
        try
        {
            link.DisposeMessage(message, error is null ? new Accepted() : new Rejected { Error = error }, true);
        }
        catch (AmqpException)
        {
            // The link closed while the commit was running; the client will not learn the outcome.
        }
    }

    private bool AttachReceiver(ConnectionState state, BrokerAddress address, ListenerLink link, Attach attach)
    {
        var (entity, topic) = Resolve(address);
        if (topic is not null)
        {
            throw Refuse(ErrorCode.NotAllowed, $"Cannot receive from topic '{address.EntityPath}'; receive from a subscription.");
        }

        Authorize(state, address);
        var source = attach.Source as Source;
        object? filterValue = null;
        var hasFilter = source?.FilterSet is { } filters && filters.TryGetValue(MessagingEntity.SessionFilterKey, out filterValue);
        object? descriptor = null;
        if (filterValue is DescribedValue described)
        {
            descriptor = described.Descriptor;
            filterValue = described.Value;
        }

        var sessionReceiver = hasFilter && !address.DeadLetter;
        if (sessionReceiver != entity!.Settings.RequiresSession && !address.DeadLetter)
        {
            throw Refuse(ErrorCode.NotAllowed, entity.Settings.RequiresSession
                ? $"'{entity.Name}' requires sessions: receive with a session filter."
                : $"'{entity.Name}' does not support sessions.");
        }

        var consumer = new ConsumerLink(link, entity, address.DeadLetter, attach.SndSettleMode == SenderSettleMode.Settled)
        {
            IsSessionReceiver = sessionReceiver,
            PendingAttach = attach,
            SessionFilterDescriptor = descriptor,
        };
        link.InitializeSender(
            (delta, _, _) =>
            {
                if (!ConsumerLink.CompletingAttach)
                {
                    entity.Post(() => entity.OnCredit(consumer, delta));
                }
            },
            (message, deliveryState, settled, _) =>
            {
                if (message is OutboundMessage outbound && !consumer.Closed)
                {
                    entity.Post(() => entity.OnDisposition(consumer, outbound, deliveryState, settled));
                }
            },
            consumer);
        link.Closed += (_, _) =>
        {
            // Set before the library reports the link's unsettled deliveries as released, so those
            // synthetic releases are ignored and the close is handled once, below.
            consumer.Closed = true;
            entity.Post(() => entity.OnConsumerClosed(consumer));
        };
        var waitMs = attach.Properties?.TryGetValue(TimeoutKey, out var timeout) == true
            ? Convert.ToInt64(timeout, System.Globalization.CultureInfo.InvariantCulture)
            : 60_000;
        entity.Post(() => entity.AttachConsumer(consumer, attach, filterValue as string, waitMs));
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attach to {Entity} refused: no valid token")]
    private static partial void LogUnauthorized(ILogger logger, string entity);
}
