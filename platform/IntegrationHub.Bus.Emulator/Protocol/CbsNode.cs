using Amqp;
using Amqp.Listener;
using Amqp.Types;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// The <c>$cbs</c> node: put-token with a SAS token (signature checked against the configured keys) or, when a
/// validator is configured, a JWT. A granted token authorises the connection for its resource and everything
/// below it until it expires (spec §2).
/// </summary>
internal sealed partial class CbsNode(BrokerOptions options, ILogger logger)
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal)
    {
        [options.SharedAccessKeyName] = options.SharedAccessKey,
    };

    public void Handle(ConnectionState connection, ListenerLink link, Message received)
    {
        RequestResponse.Accept(link, received);
        Message request;
        try
        {
            request = RequestResponse.Decode(received);
        }
        catch (AmqpException)
        {
            return;
        }

        var (status, description) = PutToken(connection, request);
        RequestResponse.Respond(connection, "$cbs", request,
            new Map { ["status-code"] = status, ["status-description"] = description }, null);
    }

    private (int Status, string Description) PutToken(ConnectionState connection, Message request)
    {
        if (RequestResponse.AppProperty(request, "operation") != "put-token")
        {
            return (400, "Only put-token is supported.");
        }

        var type = RequestResponse.AppProperty(request, "type");
        var audience = RequestResponse.AppProperty(request, "name") ?? string.Empty;
        if (request.Body is not string token)
        {
            return (400, "The token must be an AMQP string body.");
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (type == "jwt")
        {
            if (options.JwtValidator is not { } validator || !validator(token, audience))
            {
                LogRefused(logger, audience, "JWT refused");
                return (401, "JWT tokens are not accepted.");
            }

            var expires = request.ApplicationProperties?.Map.TryGetValue("expiration", out var e) == true && e is DateTime dt
                ? new DateTimeOffset(dt.ToUniversalTime()).ToUnixTimeMilliseconds()
                : now + (long)TimeSpan.FromHours(1).TotalMilliseconds;
            connection.Grant(SasTokenValidator.ResourcePath(audience), expires);
            return (202, "Accepted");
        }

        if (type != "servicebus.windows.net:sastoken")
        {
            return (400, $"Unsupported token type '{type}'.");
        }

        var (path, expiresMs, error) = SasTokenValidator.Validate(token, _keys, now);
        if (error is not null)
        {
            LogRefused(logger, audience, error);
            return (401, error);
        }

        connection.Grant(path!, expiresMs);
        return (202, "Accepted");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CBS put-token for {Audience} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string audience, string reason);
}
