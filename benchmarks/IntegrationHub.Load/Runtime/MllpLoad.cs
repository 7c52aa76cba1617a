using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IntegrationHub.Testing;

namespace IntegrationHub.Load.Runtime;

/// <summary>What a source system does: one message per connection, wait for the ACK (spec §2.2).</summary>
internal static class MllpLoad
{
    /// <summary>The PHW sample from the shared data (HUB_SHARED_DIR, or a "shared" folder above the checkout), CR-separated.</summary>
    public static string PhwSample() => SharedData.ReadMessage("samples", "phw-to-mpi.sample.hl7");

    /// <summary>The message with MSH-10 replaced so every message is distinct, as UTF-8.</summary>
    public static byte[] Payload(string sample, string controlId)
    {
        var headerEnd = sample.IndexOf('\r', StringComparison.Ordinal);
        var fields = sample[..headerEnd].Split('|');
        fields[9] = controlId;
        return Encoding.UTF8.GetBytes(string.Join('|', fields) + sample[headerEnd..]);
    }

    /// <summary>The distinct message in an MLLP frame.</summary>
    public static byte[] Frame(string sample, string controlId) => [0x0B, .. Payload(sample, controlId), 0x1C, 0x0D];

    /// <summary>Sends one frame on a new connection; returns whether an AA came back and how long it took.</summary>
    public static async Task<(bool Acked, TimeSpan Elapsed)> SendAsync(int port, byte[] frame)
    {
        var clock = Stopwatch.StartNew();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(frame, SocketFlags.None);
        var buffer = new byte[4096];
        var length = 0;
        int read;
        while ((read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None)) > 0)
        {
            length += read;
            if (length >= 2 && buffer[length - 2] == 0x1C && buffer[length - 1] == 0x0D)
            {
                break;
            }
        }

        var acked = buffer.AsSpan(0, length).IndexOf("MSA|AA|"u8) >= 0;
        return (acked, clock.Elapsed);
    }

    /// <summary>Messages sent one at a time before anything is measured.</summary>
    public const int WarmUpMessages = 300;

    /// <summary>Warms up the server and this process (JIT, connection pools, the broker's first pages).</summary>
    public static async Task WarmUpAsync(int port, string sample)
    {
        for (var i = 0; i < WarmUpMessages; i++)
        {
            await SendAsync(port, Frame(sample, $"WARM{i}"));
        }
    }

    /// <summary>
    /// <paramref name="connections"/> sources sending <paramref name="total"/> distinct messages between them, one
    /// per connection, after the warm-up; returns the rate, this process's CPU per message and the messages
    /// without an AA.
    /// </summary>
    public static async Task<(double Rate, double CpuMicrosecondsPerMessage, int Failed)> DriveAsync(int port, string sample, int connections, int total, string prefix)
    {
        await WarmUpAsync(port, sample);

        var next = -1;
        var failed = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var (acked, _) = await SendAsync(port, Frame(sample, prefix + index));
                if (!acked)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return (total / clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / total, failed);
    }

    public static TimeSpan Percentile(List<TimeSpan> sorted, double percentile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
