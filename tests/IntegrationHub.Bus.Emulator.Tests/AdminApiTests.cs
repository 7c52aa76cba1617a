using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Counts_peek_resubmit_and_purge()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("orders", TestBroker.Fast()), adminPort: 0);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{broker.Broker.AdminPort}") };
        await using var client = await SbClient.ConnectAuthorizedAsync(broker.Port);
        var later = SbClient.Text("scheduled");
        later.MessageAnnotations = new MessageAnnotations { [new Symbol("x-opt-scheduled-enqueue-time")] = DateTime.UtcNow.AddMinutes(5) };
        await client.SendAsync("orders", SbClient.Text("a", "a"), SbClient.Text("b", "b"), SbClient.Text("c", "c"), later);

        var (rx, _) = await client.ReceiverAsync("orders");
        var first = await SbClient.ReceiveOneAsync(rx);
        var (status, _) = await client.ManagementAsync("orders", "com.microsoft:update-disposition", new Map
        {
            ["disposition-status"] = "suspended",
            ["lock-tokens"] = new[] { SbClient.LockToken(first!) },
            ["deadletter-reason"] = "Because",
            ["deadletter-description"] = "test",
        });
        Assert.Equal(200, status);
        await rx.CloseAsync();

        var entity = await Entity(http, "orders");
        Assert.Equal(2, entity.GetProperty("active").GetInt32());
        Assert.Equal(1, entity.GetProperty("scheduled").GetInt32());
        Assert.Equal(1, entity.GetProperty("deadLetter").GetInt32());

        var dead = await http.GetFromJsonAsync<JsonElement>("/api/messages?entity=orders&deadLetter=true");
        Assert.Equal(1, dead.GetArrayLength());
        Assert.Equal("Because", dead[0].GetProperty("deadLetterReason").GetString());
        Assert.Equal("a", dead[0].GetProperty("body").GetString());
        var active = await http.GetFromJsonAsync<JsonElement>("/api/messages?entity=orders");
        Assert.Equal(3, active.GetArrayLength()); // b, c and the scheduled one

        var resubmit = await (await http.PostAsync("/api/resubmit?entity=orders", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, resubmit.GetProperty("resubmitted").GetInt32());
        entity = await Entity(http, "orders");
        Assert.Equal(3, entity.GetProperty("active").GetInt32());
        Assert.Equal(0, entity.GetProperty("deadLetter").GetInt32());

        var purge = await (await http.PostAsync("/api/purge?entity=orders", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, purge.GetProperty("purged").GetInt32());
        entity = await Entity(http, "orders");
        Assert.Equal(0, entity.GetProperty("active").GetInt32());
        Assert.Equal(0, entity.GetProperty("scheduled").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/messages?entity=nope")).StatusCode);
    }

    private static async Task<JsonElement> Entity(HttpClient http, string name)
    {
        var all = await http.GetFromJsonAsync<JsonElement>("/api/entities");
        return all.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
    }
}
