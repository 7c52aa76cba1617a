using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Runtime.Tests.Support;
using Xunit.Abstractions;

namespace IntegrationHub.Runtime.Tests.Server;

/// <summary>
/// 10,000 damaged frames over real sockets to a real server host publishing to the real broker (spec §2): the host
/// keeps serving, no frame the spec rejects is acknowledged, and exactly what was acknowledged is on the queue.
/// </summary>
public sealed class ServerFuzzTests(BrokerFixture broker, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    private const int FrameCount = 10_000;
    private const int MaxFrameBytes = 16_384;
    private const int Seed = 20_261_205;
    private static readonly string[] SendingApps = ["252", "285", "100"];

    private sealed record Outcome(FrameFuzzer.Frame Frame, byte[] Response);

    [Fact]
    public async Task Ten_thousand_fuzzed_frames_never_get_a_wrong_ACK_and_only_acknowledged_messages_are_queued()
    {
        var variables = ServerHost.Variables(broker);
        variables["SENDING_APP"] = string.Join(", ", SendingApps);
        variables["MAX_MESSAGE_SIZE_BYTES"] = MaxFrameBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        variables["MLLP_READ_TIMEOUT_SECONDS"] = "30";
        variables["EGRESS_SESSION_ID"] = "fuzz";
        await using var server = await ServerHost.StartAsync(variables);
        var samples = Directory.GetFiles(SharedData.Path("samples"), "*.hl7").Order(StringComparer.Ordinal).Select(f => SharedData.ToCr(File.ReadAllText(f))).ToList();
        var fuzzer = new FrameFuzzer(samples, MaxFrameBytes, Seed);
        var frames = fuzzer.Frames(FrameCount).ToList();

        var clock = Stopwatch.StartNew();
        var outcomes = new Outcome[frames.Count];
        await Parallel.ForEachAsync(frames, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (frame, cancellationToken) =>
            outcomes[frame.Index] = new Outcome(frame, await ExchangeAsync(server.Endpoint, frame.Bytes, cancellationToken)));
        var fuzzTime = clock.Elapsed;

        // Still serving: fresh valid messages after the storm are acknowledged.
        var after = Enumerable.Range(0, 20).Select(i => FrameFuzzer.Framed(FrameFuzzer.WithControlId(samples.First(s => s.Contains("|252|", StringComparison.Ordinal)), $"AFTER-{i}"))).ToList();
        var afterResponses = new List<byte[]>();
        foreach (var frame in after)
        {
            afterResponses.Add(await ExchangeAsync(server.Endpoint, frame, CancellationToken.None));
        }

        var oracle = new RejectionOracle(MaxFrameBytes, "2.5", SendingApps);
        var acknowledged = outcomes.Where(o => IsAa(o.Response)).ToList();
        var wronglyAcknowledged = acknowledged.Select(o => (o.Frame, Reason: oracle.MustReject(o.Frame.Bytes))).Where(x => x.Reason is not null).ToList();
        var notAnAa = outcomes.Where(o => o.Response.Length > 0 && !IsAa(o.Response)).ToList();
        var validRejected = outcomes.Where(o => o.Frame.Kind is "valid" or "at-size-limit" && oracle.MustReject(o.Frame.Bytes) is null && !IsAa(o.Response)).ToList();
        output.WriteLine($"{FrameCount} frames in {fuzzTime.TotalSeconds:F1} s; {acknowledged.Count} acknowledged; by kind: " +
            string.Join(", ", outcomes.GroupBy(o => o.Frame.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count(o => IsAa(o.Response))}/{g.Count()}")));

        Assert.All(afterResponses, response => Assert.True(IsAa(response), "a valid message after the fuzzing was not acknowledged"));
        Assert.True(wronglyAcknowledged.Count == 0, "acknowledged although the spec rejects them: " + string.Join("; ", wronglyAcknowledged.Take(5).Select(x => $"#{x.Frame.Index} {x.Frame.Kind}: {x.Reason}")));
        Assert.True(notAnAa.Count == 0, $"{notAnAa.Count} frames got bytes that are not an AA ACK (rejection must close without a byte)");
        Assert.True(validRejected.Count == 0, $"{validRejected.Count} untouched messages (some exactly at the size limit) were not acknowledged, e.g. #{validRejected.FirstOrDefault()?.Frame.Index}");

        // Exactly the acknowledged payloads are on the queue, byte for byte: nothing invalid was published.
        var queued = await broker.DrainAsync(BrokerFixture.TransformerIngress, "fuzz", TimeSpan.FromSeconds(10));
        var expected = acknowledged.Select(o => Payload(o.Frame.Bytes)).Concat(after.Select(Payload)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, queued.Count);
        Assert.Equal(expected, queued.Select(m => Encoding.UTF8.GetString(m.Body.Span)).Order(StringComparer.Ordinal));
    }

    /// <summary>One connection: write the frame, half-close, read everything the server writes until it closes.</summary>
    private static async Task<byte[]> ExchangeAsync(IPEndPoint endpoint, byte[] frame, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint, timeout.Token);
        using var response = new MemoryStream();
        try
        {
            await socket.SendAsync(frame, SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                response.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // The server may close (even reset) while an oversized or malformed frame is still being written.
        }

        return response.ToArray();
    }

    private static bool IsAa(byte[] response)
    {
        if (response.Length < 3 || response[0] != 0x0B || response[^2] != 0x1C || response[^1] != 0x0D)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(response, 1, response.Length - 3);
        return text.StartsWith("MSH", StringComparison.Ordinal) && text.Contains("\rMSA|AA|", StringComparison.Ordinal);
    }

    private static string Payload(byte[] frame) => Encoding.UTF8.GetString(frame, 1, frame.Length - 3);
}
