using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Mllp;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.MockMpi.Tests;

public sealed class MockMpiHttpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mockmpi-http-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Http_endpoint_lists_messages_and_switches_modes_at_run_time()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PORT"] = "0",
            ["MOCK_MPI_HTTP_PORT"] = "0",
            ["MOCK_MPI_OUTPUT_DIR"] = _folder,
        }).Build();
        await using var app = MockMpiApp.Create(configuration);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.HttpAddress };
        await using var client = new MllpClient(new MllpClientOptions { Port = app.Server.EndPoint.Port, AckTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal("OK", await http.GetStringAsync("/health"));
        Assert.Equal("AA", MockMpiFixture.AckCode(await client.SendAsync(MockMpiFixture.Message("H1"))));

        var mode = await http.PostAsync("/mode?mode=ar", null);
        mode.EnsureSuccessStatusCode();
        Assert.Equal("AR", MockMpiFixture.AckCode(await client.SendAsync(MockMpiFixture.Message("H2"))));

        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/mode?mode=explode", null)).StatusCode);
        (await http.PostAsync("/mode?mode=normal&failEvery=2&failMode=close", null)).EnsureSuccessStatusCode();
        var current = await http.GetFromJsonAsync<JsonElement>("/mode");
        Assert.Equal("close", current.GetProperty("failMode").GetString());
        Assert.Equal(MllpSendStatus.AckReceived, (await client.SendAsync(MockMpiFixture.Message("H3"))).Status);
        Assert.Equal(MllpSendStatus.ConnectionClosed, (await client.SendAsync(MockMpiFixture.Message("H4"))).Status);

        var listing = await http.GetFromJsonAsync<JsonElement>("/messages");
        var entries = listing.EnumerateArray().ToArray();
        Assert.Equal(["H1", "H2", "H3", "H4"], entries.Select(e => e.GetProperty("controlId").GetString()));
        Assert.Equal(["AA", "AR", "AA", "closed"], entries.Select(e => e.GetProperty("response").GetString()));
        Assert.Equal("000002-H2.hl7", entries[1].GetProperty("file").GetString());
        Assert.Equal(MockMpiFixture.Message("H2"), await http.GetStringAsync("/messages/2"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/messages/99")).StatusCode);

        (await http.PostAsync("/reset", null)).EnsureSuccessStatusCode();
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/messages")).EnumerateArray());
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task The_real_executable_starts_answers_and_lists()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.MockMpi.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PORT"] = "0";
        start.Environment["MOCK_MPI_HTTP_PORT"] = "0";
        start.Environment["MOCK_MPI_OUTPUT_DIR"] = _folder;
        start.Environment["MOCK_MPI_MODE"] = "ae";
        using var process = Process.Start(start)!;
        try
        {
            string? mllp = null;
            string? httpAddress = null;
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (mllp is null || httpAddress is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(wait.Token) ?? throw new InvalidOperationException("mock exited: " + await process.StandardError.ReadToEndAsync());
                if (line.StartsWith("MOCK_MPI_MLLP=", StringComparison.Ordinal))
                {
                    mllp = line["MOCK_MPI_MLLP=".Length..];
                }
                else if (line.StartsWith("MOCK_MPI_HTTP=", StringComparison.Ordinal))
                {
                    httpAddress = line["MOCK_MPI_HTTP=".Length..];
                }
            }

            // Keep draining the log so the child never blocks on a full pipe.
            _ = process.StandardOutput.ReadToEndAsync();
            var endPoint = IPEndPoint.Parse(mllp);
            await using var client = new MllpClient(new MllpClientOptions { Port = endPoint.Port, AckTimeout = TimeSpan.FromSeconds(10) });
            var result = await client.SendAsync(MockMpiFixture.Message("PROC1"));
            Assert.Equal("AE", MockMpiFixture.AckCode(result));

            using var http = new HttpClient { BaseAddress = new Uri(httpAddress) };
            var listing = await http.GetFromJsonAsync<JsonElement>("/messages");
            Assert.Equal("PROC1", listing[0].GetProperty("controlId").GetString());
            Assert.True(File.Exists(Path.Combine(_folder, "000001-PROC1.hl7")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
