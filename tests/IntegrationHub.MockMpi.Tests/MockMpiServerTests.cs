using System.Diagnostics;
using IntegrationHub.Mllp;

namespace IntegrationHub.MockMpi.Tests;

public class MockMpiServerTests
{
    [Fact]
    public async Task Normal_mode_answers_AA_and_AE_when_the_message_mentions_fail()
    {
        await using var mock = await MockMpiFixture.StartAsync();
        await using var client = mock.Client();
        var ok = await client.SendAsync(MockMpiFixture.Message("OK1"));
        var failing = await client.SendAsync(MockMpiFixture.Message("OK2", "FaIl^B"));
        Assert.Equal("AA", MockMpiFixture.AckCode(ok));
        Assert.EndsWith("\rMSA|AA|OK1", ok.ResponseText, StringComparison.Ordinal);
        Assert.Equal("AE", MockMpiFixture.AckCode(failing));
        Assert.False(failing.Reconnected);
    }

    [Theory]
    [InlineData(MockMpiMode.AE, "AE")]
    [InlineData(MockMpiMode.AR, "AR")]
    public async Task Forced_negative_modes_answer_with_that_code(MockMpiMode mode, string code)
    {
        await using var mock = await MockMpiFixture.StartAsync(MockMpiBehaviour.Default with { Mode = mode });
        await using var client = mock.Client();
        Assert.Equal(code, MockMpiFixture.AckCode(await client.SendAsync(MockMpiFixture.Message("N1"))));
    }

    [Fact]
    public async Task Silent_mode_never_answers_so_the_sender_times_out()
    {
        await using var mock = await MockMpiFixture.StartAsync(MockMpiBehaviour.Default with { Mode = MockMpiMode.Silent });
        await using var client = mock.Client(TimeSpan.FromMilliseconds(400));
        var result = await client.SendAsync(MockMpiFixture.Message("S1"));
        Assert.Equal(MllpSendStatus.Timeout, result.Status);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (mock.Server.Recorder.Snapshot().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal("none", mock.Server.Recorder.Snapshot().Single().Response);
    }

    [Fact]
    public async Task Late_mode_answers_after_the_delay()
    {
        await using var mock = await MockMpiFixture.StartAsync(MockMpiBehaviour.Default with { Mode = MockMpiMode.Late, Delay = TimeSpan.FromMilliseconds(600) });
        await using (var impatient = mock.Client(TimeSpan.FromMilliseconds(200)))
        {
            Assert.Equal(MllpSendStatus.Timeout, (await impatient.SendAsync(MockMpiFixture.Message("L1"))).Status);
        }

        await using var patient = mock.Client(TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        var result = await patient.SendAsync(MockMpiFixture.Message("L2"));
        Assert.Equal("AA", MockMpiFixture.AckCode(result));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task Close_mode_closes_without_a_byte()
    {
        await using var mock = await MockMpiFixture.StartAsync(MockMpiBehaviour.Default with { Mode = MockMpiMode.Close });
        await using var client = mock.Client();
        var result = await client.SendAsync(MockMpiFixture.Message("C1"));
        Assert.Equal(MllpSendStatus.ConnectionClosed, result.Status);
        Assert.Null(result.Response);
    }

    [Fact]
    public async Task Every_third_message_fails_the_chosen_way_and_the_rest_are_accepted()
    {
        await using var mock = await MockMpiFixture.StartAsync(MockMpiBehaviour.Default with { FailEvery = 3, FailMode = MockMpiMode.AR });
        await using var client = mock.Client();
        var codes = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            codes.Add(MockMpiFixture.AckCode(await client.SendAsync(MockMpiFixture.Message($"E{i}"))));
        }

        Assert.Equal(["AA", "AA", "AR", "AA", "AA", "AR"], codes);

        mock.Server.Behaviour = MockMpiBehaviour.Default with { FailEvery = 2, FailMode = MockMpiMode.Close };
        var seventh = await client.SendAsync(MockMpiFixture.Message("E7"));
        var eighth = await client.SendAsync(MockMpiFixture.Message("E8"));
        var ninth = await client.SendAsync(MockMpiFixture.Message("E9"));
        Assert.Equal(MllpSendStatus.AckReceived, seventh.Status);
        Assert.Equal(MllpSendStatus.ConnectionClosed, eighth.Status);
        Assert.Equal("AA", MockMpiFixture.AckCode(ninth));
    }

    [Fact]
    public async Task Every_message_is_recorded_to_a_file_named_by_arrival_and_control_id_and_numbering_survives_a_restart()
    {
        var folder = Directory.CreateTempSubdirectory("mockmpi-restart-").FullName;
        var first = MockMpiFixture.Message("CTRL/1", "Ä^B") + "\r\n";
        await using (var mock = await MockMpiFixture.StartAsync(folder: folder))
        {
            await using var client = mock.Client();
            await client.SendAsync(first);
            await client.SendAsync(MockMpiFixture.Message("CTRL2"));
            await mock.Server.StopAsync(CancellationToken.None);
            Assert.Equal(["000001-CTRL_1.hl7", "000002-CTRL2.hl7"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            Assert.Equal(MockMpiFixture.Utf8(first), await File.ReadAllBytesAsync(Path.Combine(folder, "000001-CTRL_1.hl7")));

            // Restart on the same folder: numbering goes on instead of overwriting.
            var again = new MockMpiServer(new MockMpiOptions { Port = 0, OutputDirectory = folder });
            await again.StartAsync(CancellationToken.None);
            await using var client2 = new MllpClient(new MllpClientOptions { Port = again.EndPoint.Port });
            await client2.SendAsync("not hl7");
            await again.DisposeAsync();
            Assert.True(File.Exists(Path.Combine(folder, "000003-UNKNOWN.hl7")));
        }
    }

    [Fact]
    public async Task Unparseable_message_gets_the_fixed_NACK_framed()
    {
        await using var mock = await MockMpiFixture.StartAsync();
        await using var client = mock.Client();
        var result = await client.SendAsync("garbage");
        Assert.Equal(MockMpiAck.FallbackNack.TrimEnd('\r'), result.ResponseText);
        Assert.Equal("NACK", mock.Server.Recorder.Snapshot().Single().Response);
    }

    [Fact]
    public async Task One_message_per_connection_mode_closes_after_each_ack_and_the_client_reconnects()
    {
        await using var mock = await MockMpiFixture.StartAsync(keepAlive: false);
        await using var client = mock.Client();
        Assert.Equal("AA", MockMpiFixture.AckCode(await client.SendAsync(MockMpiFixture.Message("R1"))));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!client.IsPeerClosed() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var second = await client.SendAsync(MockMpiFixture.Message("R2"));
        Assert.True(second.Reconnected);
        Assert.Equal("AA", MockMpiFixture.AckCode(second));
    }
}
