using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class SessionTests
{
    private static BrokerConfig Config(int lockMs = 60_000) =>
        new BrokerConfig().WithQueue("hl7", TestBroker.Fast(lockMs: lockMs, sessions: true));

    [Fact]
    public async Task Named_session_receiver_gets_only_its_session_in_order_and_attach_carries_id_and_lock()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("hl7", SbClient.Text("a1", sessionId: "A"), SbClient.Text("b1", sessionId: "B"), SbClient.Text("a2", sessionId: "A"));

        var (rx, attached) = await client.ReceiverAsync("hl7", session: true, sessionId: "A");
        Assert.Equal("A", ((Source)attached.Source).FilterSet[SbClient.SessionFilter]);
        var lockedUntil = new DateTime((long)attached.Properties[SbClient.LockedUntilUtc], DateTimeKind.Utc);
        Assert.InRange(lockedUntil, DateTime.UtcNow.AddSeconds(30), DateTime.UtcNow.AddMinutes(2));

        rx.SetCredit(5, CreditMode.Manual, 0);
        var first = await rx.ReceiveAsync(TimeSpan.FromSeconds(5));
        var second = await rx.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a1", SbClient.BodyText(first));
        Assert.Equal("a2", SbClient.BodyText(second));
        Assert.Null(await rx.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        rx.Accept(first);
        rx.Accept(second);
    }

    [Fact]
    public async Task A_session_is_locked_to_one_receiver()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("hl7", SbClient.Text("x", sessionId: "S"));

        var (holder, _) = await client.ReceiverAsync("hl7", session: true, sessionId: "S");
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("hl7", session: true, sessionId: "S"));
        Assert.Equal("com.microsoft:session-cannot-be-locked", (string)ex.Error.Condition);

        // Closing the holder releases the session.
        await holder.CloseAsync();
        var (next, _) = await client.ReceiverAsync("hl7", session: true, sessionId: "S");
        var m = await SbClient.ReceiveOneAsync(next);
        Assert.NotNull(m);
        Assert.Equal(0u, m.Header.DeliveryCount); // session link close does not count as a failed delivery
    }

    [Fact]
    public async Task Next_available_session_picks_a_free_session_with_messages()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("hl7", SbClient.Text("a", sessionId: "A"), SbClient.Text("b", sessionId: "B"));

        var (first, attachedFirst) = await client.ReceiverAsync("hl7", session: true);
        var (second, attachedSecond) = await client.ReceiverAsync("hl7", session: true);
        var firstId = (string)((Source)attachedFirst.Source).FilterSet[SbClient.SessionFilter];
        var secondId = (string)((Source)attachedSecond.Source).FilterSet[SbClient.SessionFilter];
        Assert.Equal("A", firstId);
        Assert.Equal("B", secondId);
        Assert.Equal("b", SbClient.BodyText((await SbClient.ReceiveOneAsync(second))!));

        // No session has messages left: a third next-available receiver times out.
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.ReceiverAsync("hl7", session: true, waitMs: 300));
        Assert.Equal("com.microsoft:timeout", (string)ex.Error.Condition);
        _ = first;
    }

    [Fact]
    public async Task Next_available_receiver_waits_for_a_message()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var pending = client.ReceiverAsync("hl7", session: true, waitMs: 5000);
        await Task.Delay(200);
        await client.SendAsync("hl7", SbClient.Text("late", sessionId: "L"));
        var (rx, attached) = await pending;
        Assert.Equal("L", ((Source)attached.Source).FilterSet[SbClient.SessionFilter]);
        Assert.Equal("late", SbClient.BodyText((await SbClient.ReceiveOneAsync(rx))!));
    }

    [Fact]
    public async Task Session_lock_expires_unless_renewed_and_state_round_trips()
    {
        // A 3 s session lock renewed every second: a 2 s margin per renewal keeps the test steady on a loaded machine.
        await using var broker = await TestBroker.StartAsync(Config(lockMs: 3000));
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        await client.SendAsync("hl7", SbClient.Text("s", sessionId: "R"));
        var (rx, _) = await client.ReceiverAsync("hl7", session: true, sessionId: "R");

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(1000);
            var (status, body) = await client.ManagementAsync("hl7", "com.microsoft:renew-session-lock", new Map { ["session-id"] = "R" });
            Assert.Equal(200, status);
            Assert.IsType<DateTime>(((Map)body!)["expiration"]);
        }

        Assert.False(rx.IsClosed);
        var (setStatus, _) = await client.ManagementAsync("hl7", "com.microsoft:set-session-state",
            new Map { ["session-id"] = "R", ["session-state"] = new byte[] { 1, 2, 3 } });
        Assert.Equal(200, setStatus);
        var (getStatus, state) = await client.ManagementAsync("hl7", "com.microsoft:get-session-state", new Map { ["session-id"] = "R" });
        Assert.Equal(200, getStatus);
        Assert.Equal(new byte[] { 1, 2, 3 }, ((Map)state!)["session-state"]);

        // Stop renewing: the broker detaches the receiver with session-lock-lost.
        var closed = new TaskCompletionSource<Error?>();
        rx.Closed += (_, error) => closed.TrySetResult(error);
        var error = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("com.microsoft:session-lock-lost", (string)error!.Condition);
    }

    [Fact]
    public async Task Sending_without_session_id_to_a_session_queue_is_rejected()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var ex = await Assert.ThrowsAsync<AmqpException>(() => client.SendAsync("hl7", SbClient.Text("no session")));
        Assert.Equal("amqp:not-allowed", (string)ex.Error.Condition);
    }

    [Fact]
    public async Task Set_session_state_answers_success_only_once_the_state_is_stored()
    {
        await using var broker = await TestBroker.StartAsync(Config());
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);

        // The disk refuses the write (a trigger fails every session-state row).
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(broker.DataDirectory, "broker.db")};Pooling=False"))
        {
            db.Open();
            using var refuse = db.CreateCommand();
            refuse.CommandText = "CREATE TRIGGER refuse_state BEFORE INSERT ON session_state BEGIN SELECT RAISE(FAIL, 'disk full'); END;";
            refuse.ExecuteNonQuery();
        }

        var (status, _) = await client.ManagementAsync("hl7", "com.microsoft:set-session-state",
            new Map { ["session-id"] = "R", ["session-state"] = new byte[] { 1 } });
        Assert.Equal(500, status);
    }
}
