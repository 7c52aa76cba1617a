using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Bus;
using IntegrationHub.Bus.Configuration;
using IntegrationHub.Mllp;
using IntegrationHub.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.Dashboard.Tests;

/// <summary>The dashboard in a real browser against a real hub: every page, clicked through as a developer would.</summary>
public sealed class DashboardBrowserTests : IClassFixture<HubWithDashboard>
{
    private const string Sample = "phw-to-mpi.sample.hl7";
    private const string PatientSurname = "MYSURNAME";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly HubWithDashboard _hub;

    public DashboardBrowserTests(HubWithDashboard hub)
    {
        _hub = hub;
        SetDefaultExpectTimeout(30_000);
    }

    [Fact]
    public async Task Without_the_token_every_page_and_api_is_refused_and_a_wrong_or_used_token_does_not_log_in()
    {
        await using var stranger = await _hub.NewContextAsync();
        var page = await stranger.NewPageAsync();

        var home = await page.GotoAsync("/");
        Assert.Equal(401, home!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Token required");

        var api = await stranger.APIRequest.GetAsync("/api/resources");
        Assert.Equal(401, api.Status);
        var stop = await stranger.APIRequest.PostAsync("/api/resources/phw-server/stop");
        Assert.Equal(401, stop.Status);
        Assert.Equal(ResourceState.Healthy, _hub.Runner["phw-server"].State);

        var wrong = await page.GotoAsync("/login?t=not-the-token");
        Assert.Equal(401, wrong!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Token required");

        // The fixture used the printed token already: it works once.
        var reused = await page.GotoAsync("/login?t=" + _hub.Dashboard.Auth.LoginToken);
        Assert.Equal(401, reused!.Status);
        Assert.Equal(401, (await page.GotoAsync("/"))!.Status);
        Assert.Empty(await stranger.CookiesAsync());

        var cookie = Assert.Single(await _hub.LoggedIn.CookiesAsync());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await HubWithDashboard.ScreenshotAsync(page, "token-required");
    }

    [Fact]
    public void The_dashboard_listens_on_127_0_0_1_only()
    {
        Assert.All(_hub.Dashboard.ListeningOn, address => Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal));
        var port = _hub.Dashboard.Address.Port;
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a));
        foreach (var address in others)
        {
            using var client = new TcpClient();
            Assert.ThrowsAny<SocketException>(() => client.Connect(address, port));
        }
    }

    [Fact]
    public async Task Resources_show_every_process_with_secrets_masked_and_a_service_can_be_stopped_started_and_restarted()
    {
        var page = await _hub.OpenAsync("#/resources");
        foreach (var name in new[] { "bus", "mock-mpi", "phw-server", "phw-transformer", "phw-sender" })
        {
            await Expect(page.Locator($"tr[data-resource='{name}'] [data-field=state]")).ToHaveTextAsync("Running");
        }

        await page.Locator("tr[data-resource='phw-server'] button[data-action=environment]").ClickAsync();
        var environment = page.Locator("tr[data-environment='phw-server']");
        await Expect(environment).ToContainTextAsync("SERVICE_BUS_CONNECTION_STRING*****");
        await Expect(environment).ToContainTextAsync("HL7_VALIDATION_FLOW");
        Assert.DoesNotContain(AppHost.Model.BusResource.EmulatorKey, await page.ContentAsync(), StringComparison.Ordinal);

        var transformer = _hub.Runner["phw-transformer"];
        var pid = transformer.ProcessId!.Value;
        try
        {
            await page.Locator("tr[data-resource='phw-transformer'] button[data-action=stop]").ClickAsync();
            await Expect(page.Locator("tr[data-resource='phw-transformer'] [data-field=state]")).ToHaveTextAsync("Stopped");
            Assert.Equal(ResourceState.Stopped, transformer.State);
            Assert.False(Processes.IsRunning(pid), $"pid {pid} still runs after Stop");

            await page.Locator("tr[data-resource='phw-transformer'] button[data-action=start]").ClickAsync();
            await Expect(page.Locator("tr[data-resource='phw-transformer'] [data-field=health]")).ToHaveTextAsync("Healthy");
            Assert.NotEqual(pid, transformer.ProcessId);
        }
        finally
        {
            // The other tests need the transformer, whatever happened here (Start is a no-op when it runs).
            transformer.Start();
        }

        var sender = _hub.Runner["phw-sender"];
        var senderPid = sender.ProcessId!.Value;
        await page.Locator("tr[data-resource='phw-sender'] button[data-action=restart]").ClickAsync();
        await WaitUntilAsync(() => Task.FromResult(sender.ProcessId != senderPid && sender.State == ResourceState.Healthy), "the sender did not come back after Restart");
        await Expect(page.Locator("tr[data-resource='phw-sender'] [data-field=health]")).ToHaveTextAsync("Healthy");
        Assert.False(Processes.IsRunning(senderPid), $"pid {senderPid} still runs after Restart");
        await HubWithDashboard.ScreenshotAsync(page, "resources");
    }

    [Fact]
    public async Task A_sample_sent_from_the_dashboard_is_acknowledged_and_its_journey_followed_to_the_mock_mpi()
    {
        var page = await _hub.OpenAsync("#/send");
        await page.SelectOptionAsync("#flow", "phw");
        await page.SelectOptionAsync("#sample", Sample);
        await Expect(page.Locator("#message")).ToHaveValueAsync(new Regex("^MSH\\|"));
        await page.Locator("#send").ClickAsync();
        await Expect(page.Locator("#ack")).ToContainTextAsync("MSA|AA|");
        await HubWithDashboard.ScreenshotAsync(page, "send");

        await page.Locator("#follow").ClickAsync();
        await RefreshUntilAsync(page, async () =>
            await page.Locator("li[data-event=MESSAGE_SENT]").CountAsync() > 0
            && await page.Locator("[data-stored]").CountAsync() == 2
            && await page.Locator("[data-mpi]").CountAsync() == 1);

        var flow = _hub.Model.Flows.Single();
        foreach (var service in new[] { flow.Server, flow.Transformer!, flow.Sender })
        {
            Assert.True(await page.Locator($"li[data-service='{service.Env("MICROSERVICE_ID")}']").CountAsync() > 0, service.Name + " has no events");
        }

        await Expect(page.Locator(".hop").Last).ToHaveTextAsync(new Regex(@"^\+\d+ ms$"));
        await Expect(page.Locator("#mpi pre")).ToContainTextAsync("PID|||***");
        Assert.DoesNotContain(PatientSurname, await page.Locator("#journey").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#reveal").ClickAsync();
        await Expect(page.Locator("#mpi pre")).ToContainTextAsync(PatientSurname);
        await Expect(page.Locator("[data-stored] pre").First).ToContainTextAsync(PatientSurname);
        await HubWithDashboard.ScreenshotAsync(page, "journey");
    }

    [Fact]
    public async Task Console_logs_stream_live_and_filter_and_structured_logs_filter_by_level()
    {
        var page = await _hub.OpenAsync("#/console/phw-server");
        var lines = page.Locator("#console div");
        await Expect(page.Locator("#console")).ToContainTextAsync("HL7 server listening");

        await page.Locator("#filter").FillAsync("server listening");
        await Expect(page.Locator("#console div:visible")).Not.ToHaveCountAsync(0);
        foreach (var text in await page.Locator("#console div:visible").AllInnerTextsAsync())
        {
            Assert.Contains("server listening", text, StringComparison.OrdinalIgnoreCase);
        }

        await page.Locator("#filter").FillAsync(string.Empty);
        var before = await lines.CountAsync();
        var ack = await SendAsync(WithControlId(SharedData.ReadMessage("samples", Sample), "LIVE" + Unique()));
        Assert.Contains("MSA|AA|", ack, StringComparison.Ordinal);
        await WaitUntilAsync(async () => await lines.CountAsync() > before, "no new console line after a message");
        await HubWithDashboard.ScreenshotAsync(page, "console");

        // Structured logs: what the services exported over OTLP to the AppHost's receiver.
        await page.GotoAsync("/#/logs/phw-server");
        await Expect(page.Locator("#logs tr[data-level=Information]:visible")).Not.ToHaveCountAsync(0);
        await page.SelectOptionAsync("#level", "Warning");
        await Expect(page.Locator("#logs tr[data-level=Information]:visible")).ToHaveCountAsync(0);
        await page.SelectOptionAsync("#level", "Information");
        await page.Locator("#filter").FillAsync("HL7 server listening");
        var record = page.Locator("#logs tr[data-level]:visible").First;
        await record.ClickAsync();
        await Expect(page.Locator("#logs tr.attributes:visible")).ToContainTextAsync("{OriginalFormat}");
        await HubWithDashboard.ScreenshotAsync(page, "structured-logs");
    }

    [Fact]
    public async Task A_message_abandoned_past_max_delivery_count_is_dead_lettered_shown_masked_and_resubmitted_to_delivery()
    {
        var flow = _hub.Model.Flows.Single();
        var transformer = _hub.Runner["phw-transformer"];
        var queue = flow.Transformer!.Env("INGRESS_QUEUE_NAME")!;
        var session = flow.Transformer.Env("INGRESS_SESSION_ID")!;
        var controlId = "DLQ" + Unique();

        await transformer.StopAsync();
        try
        {
            await DeadLetterThroughTheDashboardAsync(queue, session, controlId, transformer);
        }
        finally
        {
            transformer.Start();
        }
    }

    private async Task DeadLetterThroughTheDashboardAsync(string queue, string session, string controlId, SupervisedProcess transformer)
    {
        // The real path in (server, ACK); then, with the transformer stopped, this test takes its place and fails every delivery.
        Assert.Contains("MSA|AA|", await SendAsync(WithControlId(SharedData.ReadMessage("samples", Sample), controlId)), StringComparison.Ordinal);
        await using (var bus = BusClientFactory.Create(new BusClientOptions { ConnectionString = _hub.Model.Bus.ConnectionString }))
        {
            await using var receiver = await bus.CreateReceiverAsync(ReceiverOptions.ForSession(queue, session));
            var maxDeliveries = _hub.Model.Queues.Single(q => q.Name == queue).MaxDeliveryCount;
            for (var delivery = 1; delivery <= maxDeliveries; delivery++)
            {
                var message = Assert.Single(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
                Assert.Equal(controlId, message.MessageId);
                Assert.Equal(delivery, message.DeliveryCount);
                await receiver.AbandonAsync(message);
            }
        }

        var page = await _hub.OpenAsync("#/queues");
        await Expect(page.Locator($"tr[data-queue='{queue}'] [data-field=deadLetter]")).ToHaveTextAsync("1");
        await page.Locator($"tr[data-queue='{queue}'] a").ClickAsync();
        var letters = page.Locator("#deadletters");
        await Expect(letters).ToContainTextAsync("MaxDeliveryCountExceeded");
        await Expect(letters).ToContainTextAsync(controlId);
        await Expect(letters.Locator("pre.body")).ToContainTextAsync("PID|||***");
        Assert.DoesNotContain(PatientSurname, await letters.InnerTextAsync(), StringComparison.Ordinal);
        await letters.Locator("#reveal").ClickAsync();
        await Expect(letters.Locator("pre.body")).ToContainTextAsync(PatientSurname);
        await HubWithDashboard.ScreenshotAsync(page, "dead-letters");

        transformer.Start();
        await letters.Locator("button[data-action=resubmit]").ClickAsync();
        await Expect(letters).ToContainTextAsync("No dead letters.");
        await Expect(page.Locator($"tr[data-queue='{queue}'] [data-field=deadLetter]")).ToHaveTextAsync("0");
        await WaitUntilAsync(async () => (await MockMpiControlIdsAsync()).Contains(controlId), $"{controlId} never reached the mock MPI after resubmit");
    }

    [Fact]
    public async Task Each_flow_shows_its_throughput_from_the_services_metrics_and_its_latency()
    {
        Assert.Contains("MSA|AA|", await SendAsync(WithControlId(SharedData.ReadMessage("samples", Sample), "RATE" + Unique())), StringComparison.Ordinal);

        var page = await _hub.OpenAsync("#/resources");
        var card = page.Locator("[data-flow=phw]");
        await Expect(card.Locator("[data-source]")).ToHaveAttributeAsync("data-source", "OpenTelemetry metrics", new() { Timeout = 60_000 });
        await Expect(card.Locator("[data-metric=delivered]")).Not.ToHaveTextAsync(new Regex("^(0\\.00|–)$"), new() { Timeout = 60_000 });
        // The senders record message_latency_seconds, so the latency comes from the metrics too.
        await Expect(card).ToContainTextAsync("latency: OpenTelemetry metrics", new() { Timeout = 60_000 });
        await Expect(card).Not.ToContainTextAsync("– ms");
        await HubWithDashboard.ScreenshotAsync(page, "traffic");
    }

    [Fact]
    public async Task The_otlp_port_takes_telemetry_with_the_api_key_only_and_serves_nothing_else()
    {
        var (port, key) = AppHost.Dashboard.DashboardContext.OtlpReceiverOf(_hub.Model)!.Value;
        using var http = new HttpClient();
        using var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new("application/x-protobuf");

        using var withoutKey = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/v1/logs"), empty);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, withoutKey.StatusCode);

        using var withKey = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/v1/logs") { Content = empty };
        withKey.Headers.Add("x-otlp-api-key", key);
        Assert.True((await http.SendAsync(withKey)).IsSuccessStatusCode);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/resources"))).StatusCode);

        using var onDashboard = new HttpRequestMessage(HttpMethod.Post, new Uri(_hub.Dashboard.Address, "v1/logs")) { Content = empty };
        onDashboard.Headers.Add("x-otlp-api-key", key);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.SendAsync(onDashboard)).StatusCode);
    }

    private static async Task RefreshUntilAsync(IPage page, Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, "the journey did not complete in time");
            await Task.Delay(500);
            await page.Locator("#refresh").ClickAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, failure);
            await Task.Delay(250);
        }
    }

    private async Task<string> SendAsync(string message)
    {
        await using var client = new MllpClient(new MllpClientOptions { Port = _hub.Model.Flows.Single().Server.PortOf("mllp")!.Value, AckTimeout = TimeSpan.FromSeconds(30) });
        var result = await client.SendAsync(message);
        Assert.True(result.IsAckReceived, result.Error);
        return result.ResponseText;
    }

    private async Task<HashSet<string>> MockMpiControlIdsAsync()
    {
        using var http = new HttpClient();
        var records = await http.GetFromJsonAsync<List<MpiRecord>>($"http://127.0.0.1:{_hub.Model.MockMpi.PortOf("http")}/messages");
        return [.. records!.Select(r => r.ControlId)];
    }

    private sealed record MpiRecord(long Sequence, string ControlId);

    /// <summary>The message with MSH-10 replaced, so tests do not collide with the sender's duplicate suppression.</summary>
    private static string WithControlId(string message, string controlId)
    {
        var end = message.IndexOf('\r', StringComparison.Ordinal);
        var fields = message[..end].Split('|');
        fields[9] = controlId;
        return new StringBuilder(string.Join('|', fields)).Append(message[end..]).ToString();
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
}
