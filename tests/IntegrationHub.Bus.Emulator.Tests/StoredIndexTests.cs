using System.Net.Http.Json;
using System.Text.Json;
using Amqp.Types;
using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

/// <summary>
/// The broker's in-memory index keeps no message id per stored message (memory with a large backlog); the id must
/// still be reported, survive a restart and a dead-letter resubmit, and keep feeding duplicate detection.
/// </summary>
public sealed class StoredIndexTests
{
    private static readonly BrokerConfig Config = new BrokerConfig().WithQueue("ids", TestBroker.Fast() with
    {
        RequiresDuplicateDetection = true,
        DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(10),
    });

    [Fact]
    public async Task Message_ids_are_reported_after_a_restart_survive_resubmit_and_still_detect_duplicates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "hub-bus-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await StartAsync(dir))
            {
                await using var client = await SbClient.ConnectAuthorizedAsync(first.Port);
                await client.SendAsync("ids", SbClient.Text("a", "id-a"), SbClient.Text("b", "id-b"));
            }

            await using var broker = await StartAsync(dir);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{broker.AdminPort}") };
            var peeked = await http.GetFromJsonAsync<JsonElement>("/api/messages?entity=ids");
            Assert.Equal(["id-a", "id-b"], peeked.EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));

            await using var client2 = await SbClient.ConnectAuthorizedAsync(broker.Port);
            var (rx, _) = await client2.ReceiverAsync("ids");
            var a = await SbClient.ReceiveOneAsync(rx);
            Assert.Equal("id-a", a!.Properties.MessageId);
            var (status, _) = await client2.ManagementAsync("ids", "com.microsoft:update-disposition", new Map
            {
                ["disposition-status"] = "suspended",
                ["lock-tokens"] = new[] { SbClient.LockToken(a) },
            });
            Assert.Equal(200, status);
            await rx.CloseAsync();
            await http.PostAsync("/api/resubmit?entity=ids", null);

            // A resend of either id inside the window is a duplicate, before and after the resubmit's insert.
            await client2.SendAsync("ids", SbClient.Text("a again", "id-a"), SbClient.Text("b again", "id-b"), SbClient.Text("c", "id-c"));
            peeked = await http.GetFromJsonAsync<JsonElement>("/api/messages?entity=ids");
            Assert.Equal(["id-b", "id-a", "id-c"], peeked.EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));
            Assert.Equal(["b", "a", "c"], peeked.EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        }
        finally
        {
            TestBroker.TryDelete(dir);
        }
    }

    [Fact]
    public async Task The_admin_api_reports_the_process_memory_after_a_full_collection()
    {
        await using var broker = await TestBroker.StartAsync(new BrokerConfig().WithQueue("q", TestBroker.Fast()), adminPort: 0);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{broker.Broker.AdminPort}") };
        var memory = await http.GetFromJsonAsync<JsonElement>("/api/memory");
        var rss = memory.GetProperty("rssBytes").GetInt64();
        var managed = memory.GetProperty("managedBytes").GetInt64();
        Assert.InRange(managed, 1, rss);
        Assert.Equal(Environment.WorkingSet / 1024 / 1024, rss / 1024 / 1024, tolerance: 64);
    }

    private static Task<EmbeddedBroker> StartAsync(string dir) =>
        EmbeddedBroker.StartAsync(new BrokerOptions { Port = 0, AdminPort = 0, DataDirectory = dir, Config = Config });
}
