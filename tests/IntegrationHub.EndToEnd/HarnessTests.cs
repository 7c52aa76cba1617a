using IntegrationHub.AppHost;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Testing;
using IntegrationHub.EndToEnd.Support;

namespace IntegrationHub.EndToEnd;

/// <summary>The harness itself: overrides reach the model and the processes; a hub that cannot start says why.</summary>
[Collection(SharedHub.Name)]
public sealed class HarnessTests(HubFixture fixture)
{
    [Fact]
    public void An_override_replaces_a_variable_in_place_and_keeps_it_secret_or_adds_a_new_one()
    {
        var model = HubTopology.Describe(new AppHostOptions { Flows = new HashSet<string> { "phw" }, FreePorts = true, DataDirectory = Path.GetTempPath() });

        var changed = model
            .WithEnvironment(_ => true, "SERVICE_BUS_CONNECTION_STRING", "Endpoint=sb://elsewhere")
            .WithEnvironment("phw-sender", "ACK_TIMEOUT_SECONDS", "3")
            .WithEnvironment("phw-sender", "MAX_MESSAGES_PER_MINUTE", "600");

        var sender = changed.Flows[0].Sender;
        var original = model.Flows[0].Sender;
        Assert.Equal("3", sender.Env("ACK_TIMEOUT_SECONDS"));
        Assert.Equal("600", sender.Env("MAX_MESSAGES_PER_MINUTE"));
        Assert.Equal(original.Environment.Count + 1, sender.Environment.Count);
        Assert.Equal(
            original.Environment.Select(e => e.Name).ToList().IndexOf("ACK_TIMEOUT_SECONDS"),
            sender.Environment.Select(e => e.Name).ToList().IndexOf("ACK_TIMEOUT_SECONDS"));
        Assert.All(changed.Flows[0].Services, s => Assert.True(s.Environment.Single(e => e.Name == "SERVICE_BUS_CONNECTION_STRING").IsSecret));
        Assert.Null(changed.Flows[0].Server.Env("ACK_TIMEOUT_SECONDS"));
        Assert.Equal("30", original.Env("ACK_TIMEOUT_SECONDS"));
        Assert.Throws<ArgumentException>(() => model.WithEnvironment("chemo-sender", "ACK_TIMEOUT_SECONDS", "3"));
    }

    [Fact]
    public void The_running_services_have_the_test_overrides_in_their_environment()
    {
        var sender = fixture.Hub.Service("phw-sender");

        // What the process really got, read back from the kernel rather than from the model.
        var environment = File.ReadAllText($"/proc/{sender.ProcessId}/environ").Split('\0');

        Assert.Contains("RETRY_INITIAL_DELAY_MS=500", environment);
        Assert.Contains("ACK_TIMEOUT_SECONDS=3", environment);
        Assert.Contains($"RECEIVER_MLLP_PORT={fixture.Hub.Model.MockMpi.PortOf("mllp")}", environment);
    }

    [Fact]
    public async Task A_hub_whose_service_has_a_bad_variable_fails_to_start_naming_the_service_and_the_variable()
    {
        var data = Path.Combine(Path.GetTempPath(), "hub-test-bad-variable-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new HubTestOptions
        {
            Flows = ["paris"],
            DataDirectory = data,
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["paris-sender"] = new Dictionary<string, string> { ["RECEIVER_MLLP_PORT"] = "99999" },
            },
            StartupTimeout = TimeSpan.FromSeconds(20),
        };

        try
        {
            var failure = await Assert.ThrowsAsync<TimeoutException>(() => HubTestHost.StartAsync(options));

            Assert.Contains("paris-sender", failure.Message, StringComparison.Ordinal);
            Assert.Contains("RECEIVER_MLLP_PORT", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("paris-server (", failure.Message, StringComparison.Ordinal);

            // Nothing of the failed hub is left running: no process has its data folder in its environment.
            Assert.Empty(ProcessesMentioning(data));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_disposed_hub_leaves_no_process_and_no_data_folder_behind()
    {
        var hub = await HubTestHost.StartAsync(new HubTestOptions { Flows = ["paris"] });
        var data = hub.DataDirectory;
        var pids = hub.Services.Select(s => s.ProcessId!.Value).ToList();
        Assert.Equal(["mock-mpi", "paris-sender", "paris-server"], hub.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.NotEmpty(ProcessesMentioning(data));

        await hub.DisposeAsync();

        Assert.Empty(ProcessesMentioning(data));
        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"process {pid} is still running"));
        Assert.False(Directory.Exists(data), $"{data} was not deleted");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(Path.GetFileName(directory));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return found;
    }
}
