using System.Diagnostics;
using System.Net.Sockets;

namespace IntegrationHub.Mllp.Tests;

public class ListenerConnectionTests
{
    [Fact]
    public async Task Silent_client_is_dropped_after_the_read_timeout()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.ReadTimeout = TimeSpan.FromMilliseconds(300));
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        var watch = Stopwatch.StartNew();
        Assert.Empty(await TestNet.ReadToCloseAsync(socket, TimeSpan.FromSeconds(5)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Slow_client_trickling_bytes_is_dropped_by_the_frame_timeout()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o =>
        {
            o.ReadTimeout = TimeSpan.FromSeconds(1);
            o.FrameTimeout = TimeSpan.FromMilliseconds(800);
        });
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        var closed = TestNet.ReadToCloseAsync(socket, TimeSpan.FromSeconds(5));
        var watch = Stopwatch.StartNew();
        await socket.SendAsync(new[] { MllpFraming.StartBlock });
        while (!closed.IsCompleted && watch.Elapsed < TimeSpan.FromSeconds(4))
        {
            await Task.Delay(100);
            try
            {
                await socket.SendAsync("M"u8.ToArray());
            }
            catch (SocketException)
            {
                break;
            }
        }

        Assert.Empty(await closed);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Kept_open_connection_is_closed_after_the_idle_timeout()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o =>
        {
            o.KeepConnectionOpen = true;
            o.IdleTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(TestNet.Frame("A"));
        Assert.Equal(TestNet.Frame("ACK:A"), await TestNet.ReadToCloseAsync(socket, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Connections_over_the_cap_are_closed_at_once_and_served_again_when_one_frees()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.MaxConnections = 2);
        using var first = await TestNet.ConnectAsync(listener.LocalEndPoint);
        using var second = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await TestNet.WaitUntilAsync(() => listener.ActiveConnections == 2);

        using (var third = await TestNet.ConnectAsync(listener.LocalEndPoint))
        {
            var watch = Stopwatch.StartNew();
            Assert.Empty(await TestNet.ReadToCloseAsync(third, TimeSpan.FromSeconds(3)));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        }

        first.Close();
        await TestNet.WaitUntilAsync(() => listener.ActiveConnections == 1);
        using var fourth = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await fourth.SendAsync(TestNet.Frame("again"));
        Assert.Equal(TestNet.Frame("ACK:again"), await TestNet.ReadToCloseAsync(fourth));
    }

    [Fact]
    public async Task Stop_lets_the_in_flight_handler_answer_then_refuses_new_connections()
    {
        var entered = new TaskCompletionSource();
        MllpHandler slow = async (r, c) =>
        {
            entered.TrySetResult();
            await Task.Delay(400, c);
            return MllpResponse.Payload("done");
        };
        var listener = await TestListeners.StartAsync(slow, o => o.KeepConnectionOpen = true);
        var endPoint = listener.LocalEndPoint;
        using var busy = await TestNet.ConnectAsync(endPoint);
        using var idle = await TestNet.ConnectAsync(endPoint);
        await busy.SendAsync(TestNet.Frame("x"));
        await entered.Task.WaitAsync(TestNet.Patience);

        await listener.StopAsync();
        Assert.Equal(TestNet.Frame("done"), await TestNet.ReadToCloseAsync(busy));
        Assert.Empty(await TestNet.ReadToCloseAsync(idle));
        await Assert.ThrowsAnyAsync<SocketException>(() => TestNet.ConnectAsync(endPoint));
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Stop_cancels_a_handler_that_outlives_the_shutdown_timeout()
    {
        var entered = new TaskCompletionSource();
        var cancelled = new TaskCompletionSource();
        MllpHandler stuck = async (_, c) =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, c);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return null;
        };
        var listener = await TestListeners.StartAsync(stuck, o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(TestNet.Frame("x"));
        await entered.Task.WaitAsync(TestNet.Patience);
        var watch = Stopwatch.StartNew();
        await listener.StopAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3));
        await cancelled.Task.WaitAsync(TestNet.Patience);
        Assert.Empty(await TestNet.ReadToCloseAsync(socket));
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Port_zero_binds_a_free_port_and_a_taken_port_fails_to_start()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo);
        Assert.NotEqual(0, listener.LocalEndPoint.Port);
        var second = new MllpListener(new MllpListenerOptions { Port = listener.LocalEndPoint.Port }, TestListeners.Echo);
        await Assert.ThrowsAnyAsync<SocketException>(() => second.StartAsync());
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_fuzzed_frames_do_not_break_the_listener()
    {
        var handled = 0;
        MllpHandler handler = (r, _) =>
        {
            Interlocked.Increment(ref handled);
            return ValueTask.FromResult<MllpResponse?>(r.Payload.Span.StartsWith("GOOD"u8) ? MllpResponse.Payload("ACK") : MllpResponse.NoReply);
        };
        await using var listener = await TestListeners.StartAsync(handler, o =>
        {
            o.KeepConnectionOpen = true;
            o.MaxFrameBytes = 512;
            o.ReadTimeout = TimeSpan.FromMilliseconds(500);
        });

        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(() => FuzzAsync(listener, seed: w, count: 2500)));
        await Task.WhenAll(workers);
        Assert.True(handled > 0);

        await using var client = TestListeners.Client(listener);
        var result = await client.SendAsync("GOOD after the storm");
        Assert.Equal(MllpSendStatus.AckReceived, result.Status);
        Assert.Equal("ACK", result.ResponseText);
    }

    private static async Task FuzzAsync(MllpListener listener, int seed, int count)
    {
        var random = new Random(seed);
        Socket? socket = null;
        try
        {
            for (var i = 0; i < count; i++)
            {
                socket ??= await TestNet.ConnectAsync(listener.LocalEndPoint);
                var (bytes, wellFormed) = FuzzFrame(random);
                try
                {
                    await socket.SendAsync(bytes);
                    if (!wellFormed)
                    {
                        // End the bad frame so the listener judges it now rather than at its read timeout.
                        socket.Shutdown(SocketShutdown.Send);
                        await TestNet.ReadToCloseAsync(socket, TimeSpan.FromSeconds(5));
                        socket.Dispose();
                        socket = null;
                    }
                }
                catch (SocketException)
                {
                    socket?.Dispose();
                    socket = null;
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }
    }

    private static (byte[] Bytes, bool WellFormed) FuzzFrame(Random random)
    {
        var payload = new byte[random.Next(0, 700)];
        random.NextBytes(payload);
        if (payload.Length > 0 && random.Next(4) == 0)
        {
            // Sprinkle framing bytes inside the payload.
            payload[random.Next(payload.Length)] = (byte)(random.Next(3) switch { 0 => 0x0B, 1 => 0x1C, _ => 0x0D });
        }

        var kind = random.Next(5);
        switch (kind)
        {
            case 0:
                return (payload, false);
            case 1:
                return ([MllpFraming.StartBlock, .. payload], false);
            case 2:
                return ([.. payload, MllpFraming.EndBlock, MllpFraming.CarriageReturn], false);
            default:
                var clean = payload.AsSpan().ToArray();
                for (var i = 0; i < clean.Length; i++)
                {
                    if (clean[i] == MllpFraming.EndBlock)
                    {
                        clean[i] = (byte)'x';
                    }
                }

                var frame = MllpFraming.Frame(clean);
                return (frame, frame.Length <= 512);
        }
    }
}
