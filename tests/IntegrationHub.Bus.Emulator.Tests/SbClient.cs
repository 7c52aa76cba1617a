using System.Security.Cryptography;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using Amqp.Types;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>
/// A bare AMQPNetLite client speaking the Service Bus dialect directly (no code from the hub's client):
/// CBS put-token with a SAS token, session filters, lock tokens from delivery tags, management requests.
/// </summary>
internal sealed class SbClient : IAsyncDisposable
{
    public static readonly Symbol SessionFilter = new("com.microsoft:session-filter");
    public static readonly Symbol LockedUntilUtc = new("com.microsoft:locked-until-utc");
    private readonly Connection _connection;
    private readonly Session _session;
    private readonly SenderLink _cbsSender;
    private readonly ReceiverLink _cbsReceiver;
    private readonly Dictionary<string, (SenderLink Sender, ReceiverLink Receiver, string Reply)> _management = [];
    private readonly TaskCompletionSource _cbsAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;
    private bool _cbsCredit;

    private SbClient(Connection connection)
    {
        _connection = connection;
        _session = new Session(connection);
        _cbsSender = new SenderLink(_session, "cbs-sender", "$cbs");
        _cbsReceiver = new ReceiverLink(_session, "cbs-receiver", new Attach
        {
            Source = new Source { Address = "$cbs" },
            Target = new Target { Address = "cbs-reply" },
        }, (_, _) => _cbsAttached.TrySetResult());
    }

    public Session Session => _session;

    public static async Task<SbClient> ConnectAsync(int port)
    {
        var factory = new ConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        var connection = await factory.CreateAsync(new Address($"amqp://127.0.0.1:{port}"));
        return new SbClient(connection);
    }

    /// <summary>Connects and authorises the whole namespace with the emulator's well-known key.</summary>
    public static async Task<SbClient> ConnectAuthorizedAsync(int port)
    {
        var client = await ConnectAsync(port);
        var status = await client.PutTokenAsync("sb://127.0.0.1/", BrokerOptions.DefaultKeyName, BrokerOptions.DefaultKey);
        Assert.Equal(202, status);
        return client;
    }

    public static string SasToken(string resource, string keyName, string key, DateTimeOffset? expires = null)
    {
        var encoded = Uri.EscapeDataString(resource);
        var se = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sig = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encoded + "\n" + se)));
        return $"SharedAccessSignature sr={encoded}&sig={Uri.EscapeDataString(sig)}&se={se}&skn={keyName}";
    }

    public async Task<int> PutTokenAsync(string audience, string keyName, string key, string type = "servicebus.windows.net:sastoken", string? rawToken = null)
    {
        var request = new Message(rawToken ?? SasToken(audience, keyName, key))
        {
            Properties = new Properties { MessageId = "cbs-" + Interlocked.Increment(ref _next), ReplyTo = "cbs-reply" },
            ApplicationProperties = new ApplicationProperties(),
        };
        request.ApplicationProperties["operation"] = "put-token";
        request.ApplicationProperties["type"] = type;
        request.ApplicationProperties["name"] = audience;
        if (!_cbsCredit)
        {
            await _cbsAttached.Task.WaitAsync(TimeSpan.FromSeconds(20));
            _cbsReceiver.SetCredit(10, CreditMode.Auto, 5);
            _cbsCredit = true;
        }

        await _cbsSender.SendAsync(request);
        var response = await _cbsReceiver.ReceiveAsync(TimeSpan.FromSeconds(20)) ?? throw new TimeoutException("No CBS response.");
        _cbsReceiver.Accept(response);
        Assert.Equal(request.Properties.MessageId, response.Properties.CorrelationId);
        return Convert.ToInt32(response.ApplicationProperties["status-code"], System.Globalization.CultureInfo.InvariantCulture);
    }

    public SenderLink Sender(string entity) => new(_session, "sender-" + Interlocked.Increment(ref _next), entity);

    public async Task SendAsync(string entity, params Message[] messages)
    {
        var sender = Sender(entity);
        foreach (var message in messages)
        {
            await sender.SendAsync(message);
        }

        await sender.CloseAsync();
    }

    public static Message Text(string text, string? messageId = null, string? sessionId = null)
    {
        return new Message
        {
            BodySection = new Data { Binary = Encoding.UTF8.GetBytes(text) },
            Properties = new Properties { MessageId = messageId ?? Guid.NewGuid().ToString("N"), GroupId = sessionId },
        };
    }

    public static string BodyText(Message message) => Encoding.UTF8.GetString((byte[])message.Body);

    public static Guid LockToken(Message message) => new(message.DeliveryTag);

    public static long SequenceNumber(Message message) => (long)message.MessageAnnotations[new Symbol("x-opt-sequence-number")];

    /// <summary>Attaches a peek-lock receiver; session receivers pass a session id or null for next-available.</summary>
    public async Task<(ReceiverLink Link, Attach Attached)> ReceiverAsync(string entity, bool session = false, string? sessionId = null,
        bool receiveAndDelete = false, uint? waitMs = null)
    {
        var source = new Source { Address = entity };
        if (session)
        {
            source.FilterSet = new Map { [SessionFilter] = sessionId };
        }

        var attach = new Attach
        {
            Source = source,
            Target = new Target { Address = "rx-" + Interlocked.Increment(ref _next) },
            SndSettleMode = receiveAndDelete ? SenderSettleMode.Settled : SenderSettleMode.Unsettled,
            RcvSettleMode = receiveAndDelete ? ReceiverSettleMode.First : ReceiverSettleMode.Second,
        };
        if (waitMs is { } wait)
        {
            attach.Properties = new Fields { [new Symbol("com.microsoft:timeout")] = wait };
        }

        var attached = new TaskCompletionSource<Attach>(TaskCreationOptions.RunContinuationsAsynchronously);
        var link = new ReceiverLink(_session, "receiver-" + Interlocked.Increment(ref _next), attach, (_, a) => attached.TrySetResult(a));
        link.Closed += (_, error) => attached.TrySetException(new AmqpException(error ?? new Error(new Symbol("closed"))));
        var result = await attached.Task.WaitAsync(TimeSpan.FromSeconds(20));
        if (result.Source is null)
        {
            // A refused attach arrives with a null source, followed by the detach carrying the error.
            await Task.Delay(200);
            throw new AmqpException(link.Error ?? new Error(new Symbol("refused")));
        }

        return (link, result);
    }

    public static async Task<Message?> ReceiveOneAsync(ReceiverLink link, int timeoutMs = 5000)
    {
        link.SetCredit(1, CreditMode.Manual, 0);
        return await link.ReceiveAsync(TimeSpan.FromMilliseconds(timeoutMs));
    }

    /// <summary>Sends a $management request for the entity and returns (statusCode, body).</summary>
    public async Task<(int Status, object? Body)> ManagementAsync(string entity, string operation, Map body)
    {
        if (!_management.TryGetValue(entity, out var pair))
        {
            var node = entity + "/$management";
            var reply = "mgmt-reply-" + Interlocked.Increment(ref _next);
            var sender = new SenderLink(_session, "mgmt-sender-" + _next, node);
            var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var receiver = new ReceiverLink(_session, "mgmt-receiver-" + _next, new Attach
            {
                Source = new Source { Address = node },
                Target = new Target { Address = reply },
            }, (_, _) => attached.TrySetResult());

            // Credit only once attached: AMQPNetLite loses credit granted on a link that is still attaching.
            await attached.Task.WaitAsync(TimeSpan.FromSeconds(20));
            receiver.SetCredit(10, CreditMode.Auto, 5);
            _management[entity] = pair = (sender, receiver, reply);
        }

        var request = new Message(body)
        {
            Properties = new Properties { MessageId = "m-" + Interlocked.Increment(ref _next), ReplyTo = pair.Reply },
            ApplicationProperties = new ApplicationProperties(),
        };
        request.ApplicationProperties["operation"] = operation;
        await pair.Sender.SendAsync(request);
        var response = await pair.Receiver.ReceiveAsync(TimeSpan.FromSeconds(20)) ?? throw new TimeoutException("No management response.");
        pair.Receiver.Accept(response);
        return (Convert.ToInt32(response.ApplicationProperties["statusCode"], System.Globalization.CultureInfo.InvariantCulture), response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.CloseAsync(TimeSpan.FromSeconds(2), null);
        }
        catch (AmqpException)
        {
            // Already closed by the test.
        }
        catch (TimeoutException)
        {
            // Broker gone.
        }
    }
}
