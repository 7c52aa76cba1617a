using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>
/// A deliberately minimal AMQP peer for failure paths a real broker will not produce on demand: it accepts every
/// CBS token and lets a test decide the outcome of each sent message — including never answering at all.
/// </summary>
internal sealed class ScriptedBroker : IDisposable
{
    private readonly ContainerHost _host;
    private readonly ConcurrentDictionary<string, ListenerLink> _replyLinks = new(StringComparer.Ordinal);

    public ScriptedBroker()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _host = new ContainerHost(new Address($"amqp://127.0.0.1:{Port}"));
        _host.Listeners[0].SASL.EnableAnonymousMechanism = true;
        _host.RegisterLinkProcessor(new Processor(this));
        _host.Open();
    }

    public int Port { get; }

    public string ConnectionString => $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";

    /// <summary>Decides each sent message's outcome: null = accept, an error = reject, or throw to never answer.</summary>
    public Func<Message, Error?> OnSend { get; set; } = _ => null;

    /// <summary>When true, sent messages are never settled.</summary>
    public bool Silent { get; set; }

    public int SendsReceived;

    /// <summary>Encoded size of each transfer received on an entity link.</summary>
    public ConcurrentBag<int> TransferSizes { get; } = [];

    public ulong MaxMessageSize { get; set; }

    public void Dispose() => _host.Close();

    private sealed class Processor(ScriptedBroker broker) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            var attach = attachContext.Attach;
            if (attach.Role)
            {
                // The client receives on this link: remember response links by their reply address.
                var target = (attach.Target as Target)?.Address;
                if (target is not null)
                {
                    broker._replyLinks[target] = attachContext.Link;
                }

                attachContext.Complete(new Outbound(), 0);
                return;
            }

            var address = (attach.Target as Target)?.Address ?? string.Empty;
            if (address == "$cbs" || address.EndsWith("/$management", StringComparison.Ordinal))
            {
                attachContext.Complete(new Requests(broker), 100);
                return;
            }

            attach.MaxMessageSize = broker.MaxMessageSize;
            attachContext.Complete(new Inbound(broker), 100);
        }
    }

    private sealed class Requests(ScriptedBroker broker) : LinkEndpoint
    {
        public override void OnMessage(MessageContext messageContext)
        {
            messageContext.Complete();
            var request = messageContext.Message;
            var response = new Message { Properties = new Properties(), ApplicationProperties = new ApplicationProperties() };
            response.Properties.SetCorrelationId(request.Properties.GetMessageId());
            response.ApplicationProperties["status-code"] = 202;
            response.ApplicationProperties["statusCode"] = 200;
            if (request.Properties.ReplyTo is { } replyTo && broker._replyLinks.TryGetValue(replyTo, out var link))
            {
                link.SendMessage(response);
            }
        }

        public override void OnFlow(FlowContext flowContext)
        {
        }

        public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
    }

    private sealed class Inbound(ScriptedBroker broker) : LinkEndpoint
    {
        public override void OnMessage(MessageContext messageContext)
        {
            Interlocked.Increment(ref broker.SendsReceived);
            broker.TransferSizes.Add(messageContext.Message.Encode().Length);
            if (broker.Silent)
            {
                return;
            }

            var error = broker.OnSend(messageContext.Message);
            if (error is null)
            {
                messageContext.Complete();
            }
            else
            {
                messageContext.Complete(error);
            }
        }

        public override void OnFlow(FlowContext flowContext)
        {
        }

        public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
    }

    private sealed class Outbound : LinkEndpoint
    {
        public override void OnMessage(MessageContext messageContext) => messageContext.Complete();

        public override void OnFlow(FlowContext flowContext)
        {
        }

        public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
    }

    public static Error Condition(string condition, string description) => new(new Symbol(condition)) { Description = description };
}
