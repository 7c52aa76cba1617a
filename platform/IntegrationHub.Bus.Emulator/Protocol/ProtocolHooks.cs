using Amqp;
using Amqp.Handler;
using Amqp.Sasl;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Engine;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>A received message with its exact encoded bytes, which is what the broker stores.</summary>
internal sealed class InboundMessage(byte[] raw) : Message
{
    public byte[] Raw { get; } = raw;
}

/// <summary>
/// Puts the lock token on the wire as the delivery tag (spec §4.3: 16 bytes, .NET Guid layout);
/// AMQPNetLite's listener would otherwise use a 4-byte counter.
/// </summary>
internal sealed class DeliveryTagHandler : IHandler
{
    public static readonly DeliveryTagHandler Instance = new();

    public bool CanHandle(EventId id) => id == EventId.SendDelivery;

    public void Handle(Event protocolEvent)
    {
        if (protocolEvent.Context is IDelivery { Message: OutboundMessage message } delivery)
        {
            delivery.Tag = message.LockToken.ToByteArray();
        }
    }
}

/// <summary>
/// SASL MSSBCBS: the mechanism the .NET SDK and uamqp pick; it carries no credentials (the token comes later
/// on <c>$cbs</c>), so the exchange is a single "ok".
/// </summary>
internal sealed class CbsSaslProfile() : SaslProfile(new Symbol("MSSBCBS"))
{
    protected override DescribedList GetStartCommand(string hostname) => null!;

    protected override DescribedList OnCommand(DescribedList command) =>
        command is SaslInit ? new SaslOutcome { Code = SaslCode.Ok } : null!;

    protected override ITransport UpgradeTransport(ITransport transport) => transport;
}
