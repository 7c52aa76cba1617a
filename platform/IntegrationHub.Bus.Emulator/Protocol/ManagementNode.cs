using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Engine;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// The <c>&lt;entity&gt;/$management</c> node (spec §7): lock and session-lock renewal, peek, scheduling,
/// session state and settlement by lock token. Work runs on the entity's loop; the answer goes back on the
/// connection's response link with camelCase <c>statusCode</c>/<c>statusDescription</c>.
/// </summary>
internal sealed class ManagementNode(SendPath sendPath)
{
    private static readonly Symbol LockLost = new("com.microsoft:message-lock-lost");
    private static readonly Symbol SessionLockLost = new("com.microsoft:session-lock-lost");

    private static object? Get(Map map, string key) =>
        map.TryGetValue(key, out var value) || map.TryGetValue(new Symbol(key), out value) ? value : null;

    public void Handle(ConnectionState connection, BrokerAddress address, MessagingEntity entity, TopicEntity? topic, ListenerLink link, Message received)
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

        var node = address.Node + "/$management";
        var operation = RequestResponse.AppProperty(request, "operation") ?? string.Empty;
        var body = request.Body as Map ?? [];
        void Answer(int status, string description, Map? response, Symbol? condition = null)
        {
            var props = new Map { ["statusCode"] = status, ["statusDescription"] = description };
            if (condition is not null)
            {
                props["errorCondition"] = condition;
            }

            RequestResponse.Respond(connection, node, request, props, response);
        }

        switch (operation)
        {
            case "com.microsoft:renew-lock":
                var tokens = (Get(body, "lock-tokens") as Guid[]) ?? [];
                entity.InvokeAsync(() => entity.RenewLocks(tokens)).ContinueWith(t =>
                {
                    if (t.Result is { } expirations)
                    {
                        Answer(200, "OK", new Map { ["expirations"] = expirations });
                    }
                    else
                    {
                        Answer(410, "The lock supplied is invalid.", null, LockLost);
                    }
                }, TaskScheduler.Default);
                break;
            case "com.microsoft:renew-session-lock":
                var renewId = Get(body, "session-id") as string ?? string.Empty;
                entity.InvokeAsync(() => entity.RenewSessionLock(renewId)).ContinueWith(t =>
                {
                    if (t.Result is { } expiration)
                    {
                        Answer(200, "OK", new Map { ["expiration"] = expiration });
                    }
                    else
                    {
                        Answer(410, "The session lock was lost.", null, SessionLockLost);
                    }
                }, TaskScheduler.Default);
                break;
            case "com.microsoft:peek-message":
                var from = Convert.ToInt64(Get(body, "from-sequence-number") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
                var count = Convert.ToInt32(Get(body, "message-count") ?? 1, System.Globalization.CultureInfo.InvariantCulture);
                var peekSession = Get(body, "session-id") as string;
                entity.InvokeAsync(() => entity.PeekEncoded(from, count, peekSession, address.DeadLetter)).ContinueWith(t =>
                {
                    if (t.Result.Count == 0)
                    {
                        Answer(204, "No messages", null);
                        return;
                    }

                    var list = new List();
                    foreach (var bytes in t.Result)
                    {
                        list.Add(new Map { ["message"] = bytes });
                    }

                    Answer(200, "OK", new Map { ["messages"] = list });
                }, TaskScheduler.Default);
                break;
            case "com.microsoft:schedule-message":
                var raws = new List<byte[]>();
                foreach (var item in Get(body, "messages") as List ?? [])
                {
                    if (item is Map { } m && Get(m, "message") is byte[] bytes)
                    {
                        raws.Add(bytes);
                    }
                }

                sendPath.Submit(topic is null ? entity : null, topic, raws, (error, records) =>
                {
                    if (error is not null)
                    {
                        Answer(400, error.Description ?? "Rejected", null, error.Condition);
                        return;
                    }

                    var seqs = new long[records.Count];
                    for (var i = 0; i < seqs.Length; i++)
                    {
                        seqs[i] = records[i].Seq;
                    }

                    Answer(200, "OK", new Map { ["sequence-numbers"] = seqs });
                });
                break;
            case "com.microsoft:cancel-scheduled-message":
                var cancel = Get(body, "sequence-numbers") as long[] ?? [];
                entity.InvokeAsync(() => entity.CancelScheduled(cancel)).ContinueWith(_ => Answer(200, "OK", null), TaskScheduler.Default);
                break;
            case "com.microsoft:get-session-state":
                var getId = Get(body, "session-id") as string ?? string.Empty;
                entity.InvokeAsync(() => entity.GetSessionState(getId)).ContinueWith(
                    t => Answer(200, "OK", new Map { ["session-state"] = t.Result }), TaskScheduler.Default);
                break;
            case "com.microsoft:set-session-state":
                var setId = Get(body, "session-id") as string ?? string.Empty;
                var state = Get(body, "session-state") as byte[];
                entity.Post(() => entity.SetSessionState(setId, state, error =>
                {
                    // Answer success only once the state is committed: a caller relies on it surviving a restart.
                    if (error is not null)
                    {
                        Answer(500, "The session state could not be stored.", null, new Symbol(ErrorCode.InternalError));
                    }
                    else
                    {
                        Answer(200, "OK", null);
                    }
                }));
                break;
            case "com.microsoft:update-disposition":
                var dispositionTokens = (Get(body, "lock-tokens") as Guid[]) ?? [];
                var status = Get(body, "disposition-status") as string ?? string.Empty;
                var reason = Get(body, "deadletter-reason") as string;
                var description = Get(body, "deadletter-description") as string;
                entity.Post(() => entity.UpdateDisposition(dispositionTokens, status, reason, description, (settled, error) =>
                {
                    if (error is not null)
                    {
                        Answer(500, "The settlement could not be stored.", null, new Symbol(ErrorCode.InternalError));
                    }
                    else if (settled)
                    {
                        Answer(200, "OK", null);
                    }
                    else
                    {
                        Answer(410, "The lock supplied is invalid.", null, LockLost);
                    }
                }));
                break;
            default:
                Answer(501, $"Operation '{operation}' is not supported.", null, new Symbol(ErrorCode.NotImplemented));
                break;
        }
    }
}
