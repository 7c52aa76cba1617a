using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>Shared plumbing of the <c>$cbs</c> and <c>$management</c> nodes.</summary>
internal static class RequestResponse
{
    /// <summary>Sends a response on the connection's reply link for the node; correlation keeps the request id's AMQP type.</summary>
    public static void Respond(ConnectionState connection, string node, Message request, Map applicationProperties, object? body)
    {
        var link = connection.FindReplyLink(node, request.Properties?.ReplyTo);
        if (link is null)
        {
            return;
        }

        var response = new Message
        {
            Properties = new Properties(),
            ApplicationProperties = new ApplicationProperties(),
        };
        response.Properties.SetCorrelationId(request.Properties?.GetMessageId());
        foreach (var (key, value) in applicationProperties)
        {
            response.ApplicationProperties[key] = value;
        }

        if (body is not null)
        {
            response.BodySection = new AmqpValue { Value = body };
        }

        link.Send(response);
    }

    /// <summary>Decodes a request fully (request messages are small).</summary>
    public static Message Decode(Message message) =>
        message is InboundMessage inbound
            ? Message.Decode(new ByteBuffer(inbound.Raw, 0, inbound.Raw.Length, inbound.Raw.Length))
            : message;

    public static void Accept(ListenerLink link, Message message)
    {
        try
        {
            link.DisposeMessage(message, new Accepted(), true);
        }
        catch (AmqpException)
        {
            // Link gone.
        }
    }

    public static string? AppProperty(Message message, string key) =>
        message.ApplicationProperties?.Map.TryGetValue(key, out var value) == true ? value?.ToString() : null;
}
