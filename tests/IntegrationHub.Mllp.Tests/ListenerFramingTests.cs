using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Mllp.Tests;

public class ListenerFramingTests
{
    [Fact]
    public async Task One_message_per_connection_answers_then_closes()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(TestNet.Frame("MSH|1"));
        var all = await TestNet.ReadToCloseAsync(socket);
        Assert.Equal(TestNet.Frame("ACK:MSH|1"), all);
    }

    [Fact]
    public async Task Stray_bytes_after_the_frame_do_not_cost_the_client_its_ack()
    {
        MllpHandler slow = async (r, c) =>
        {
            // Let the stray bytes arrive before the answer, so they sit unread when the connection closes.
            await Task.Delay(100, c);
            return MllpResponse.Payload("ACK");
        };
        await using var listener = await TestListeners.StartAsync(slow);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        byte[] frameAndNoise = [.. TestNet.Frame("MSH|1"), (byte)'\n', (byte)'\n'];
        await socket.SendAsync(frameAndNoise);
        Assert.Equal(TestNet.Frame("ACK"), await TestNet.ReadToCloseAsync(socket));
    }

    [Fact]
    public async Task Kept_open_connection_serves_several_frames_in_order()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.KeepConnectionOpen = true);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        byte[] both = [.. TestNet.Frame("A"), .. TestNet.Frame("B")];
        await socket.SendAsync(both);
        byte[] expected = [.. TestNet.Frame("ACK:A"), .. TestNet.Frame("ACK:B")];
        Assert.Equal(expected, await TestNet.ReadExactlyAsync(socket, expected.Length));
        await socket.SendAsync(TestNet.Frame("C"));
        Assert.Equal(TestNet.Frame("ACK:C"), await TestNet.ReadFrameAsync(socket));
    }

    [Fact]
    public async Task Frame_of_exactly_the_limit_is_accepted_and_one_byte_more_is_refused_with_an_event()
    {
        var rejections = new ConcurrentQueue<(MllpReadStatus Reason, long Bytes, byte[] Prefix)>();
        MllpRejectionHandler onRejected = (r, _) =>
        {
            rejections.Enqueue((r.Reason, r.ByteCount, r.Prefix.ToArray()));
            return ValueTask.CompletedTask;
        };
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.MaxFrameBytes = 2000, onRejected);

        using (var atLimit = await TestNet.ConnectAsync(listener.LocalEndPoint))
        {
            await atLimit.SendAsync(TestNet.Frame(new string('x', 1997)));
            var reply = await TestNet.ReadToCloseAsync(atLimit);
            Assert.StartsWith("\u000bACK:xxx", Encoding.ASCII.GetString(reply), StringComparison.Ordinal);
        }

        using (var over = await TestNet.ConnectAsync(listener.LocalEndPoint))
        {
            await over.SendAsync(TestNet.Frame(new string('y', 1998)));
            Assert.Empty(await TestNet.ReadToCloseAsync(over));
        }

        await TestNet.WaitUntilAsync(() => !rejections.IsEmpty);
        Assert.True(rejections.TryDequeue(out var rejection));
        Assert.Equal(MllpReadStatus.TooLarge, rejection.Reason);
        Assert.True(rejection.Bytes >= 2000);
        Assert.Equal(1000, rejection.Prefix.Length);
        Assert.Equal("\u000byyy", Encoding.ASCII.GetString(rejection.Prefix, 0, 4));
    }

    [Fact]
    public async Task Oversized_stream_is_cut_off_without_reading_the_rest()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.MaxFrameBytes = 1024);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        const long total = 256L * 1024 * 1024;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'Z');
        chunk[0] = MllpFraming.StartBlock;
        long sent = 0;
        var refused = false;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (sent < total)
            {
                sent += await socket.SendAsync(chunk, SocketFlags.None, cts.Token);
                chunk[0] = (byte)'Z';
            }
        }
        catch (SocketException)
        {
            refused = true;
        }

        // The server closed after about the limit; the kernel buffers hold a few MB at most, never 256 MB.
        Assert.True(refused, $"all {sent} bytes were accepted");
        Assert.True(sent < 64L * 1024 * 1024, $"{sent} bytes went out before the server cut the connection");
    }

    [Fact]
    public async Task First_byte_not_VT_closes_without_a_byte_and_handler_is_not_called()
    {
        var calls = 0;
        MllpHandler handler = (r, c) =>
        {
            Interlocked.Increment(ref calls);
            return TestListeners.Echo(r, c);
        };
        await using var listener = await TestListeners.StartAsync(handler);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes("MSH|^~\\&|A\r\u001c\r"));
        Assert.Empty(await TestNet.ReadToCloseAsync(socket));
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Early_close_is_reported_and_not_handled()
    {
        var rejected = new TaskCompletionSource<MllpReadStatus>();
        await using var listener = await TestListeners.StartAsync(
            (_, _) => throw new InvalidOperationException("must not be called"),
            onRejected: (r, _) =>
            {
                rejected.TrySetResult(r.Reason);
                return ValueTask.CompletedTask;
            });
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(Encoding.ASCII.GetBytes("\u000bMSH|^~\\&|A\rPID"));
        socket.Shutdown(SocketShutdown.Send);
        Assert.Equal(MllpReadStatus.ClosedEarly, await rejected.Task.WaitAsync(TestNet.Patience));
        Assert.Empty(await TestNet.ReadToCloseAsync(socket));
    }

    [Fact]
    public async Task CRLF_inside_the_payload_reaches_the_handler_unchanged()
    {
        var seen = new TaskCompletionSource<byte[]>();
        await using var listener = await TestListeners.StartAsync((r, _) =>
        {
            seen.TrySetResult(r.Payload.ToArray());
            return ValueTask.FromResult<MllpResponse?>(MllpResponse.Payload("OK"));
        });
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(TestNet.Frame("MSH|^~\\&|A\r\nPID|1\r\n"));
        Assert.Equal(TestNet.Frame("OK"), await TestNet.ReadToCloseAsync(socket));
        Assert.Equal("MSH|^~\\&|A\r\nPID|1\r\n", Encoding.ASCII.GetString(await seen.Task));
    }

    [Fact]
    public async Task Handler_returning_null_closes_without_a_byte_and_a_throwing_handler_does_not_hurt_the_listener()
    {
        MllpHandler handler = (r, _) => Encoding.ASCII.GetString(r.Payload.Span) switch
        {
            "close" => ValueTask.FromResult<MllpResponse?>(null),
            "throw" => throw new InvalidOperationException("boom"),
            _ => ValueTask.FromResult<MllpResponse?>(MllpResponse.Framed(TestNet.Frame("fine"))),
        };
        await using var listener = await TestListeners.StartAsync(handler);
        foreach (var word in new[] { "close", "throw" })
        {
            using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
            await socket.SendAsync(TestNet.Frame(word));
            Assert.Empty(await TestNet.ReadToCloseAsync(socket));
        }

        using var good = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await good.SendAsync(TestNet.Frame("hello"));
        Assert.Equal(TestNet.Frame("fine"), await TestNet.ReadToCloseAsync(good));
    }

    [Fact]
    public async Task No_reply_keeps_a_kept_open_connection_and_the_next_frame_is_answered()
    {
        MllpHandler handler = (r, c) => r.Sequence == 1
            ? ValueTask.FromResult<MllpResponse?>(MllpResponse.NoReply)
            : TestListeners.Echo(r, c);
        await using var listener = await TestListeners.StartAsync(handler, o => o.KeepConnectionOpen = true);
        using var socket = await TestNet.ConnectAsync(listener.LocalEndPoint);
        await socket.SendAsync(TestNet.Frame("first"));
        await Task.Delay(100);
        Assert.Equal(0, socket.Available);
        await socket.SendAsync(TestNet.Frame("second"));
        Assert.Equal(TestNet.Frame("ACK:second"), await TestNet.ReadFrameAsync(socket));
    }
}
