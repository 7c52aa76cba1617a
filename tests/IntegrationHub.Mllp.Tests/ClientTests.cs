using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Mllp.Tests;

public class ClientTests
{
    [Fact]
    public async Task Sends_a_framed_payload_and_returns_the_unframed_ack()
    {
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo, o => o.KeepConnectionOpen = true);
        await using var client = TestListeners.Client(listener);
        var first = await client.SendAsync("MSH|1");
        var second = await client.SendAsync("MSH|2");
        Assert.Equal(MllpSendStatus.AckReceived, first.Status);
        Assert.Equal("ACK:MSH|1", first.ResponseText);
        Assert.Equal("ACK:MSH|2", second.ResponseText);
        Assert.False(second.Reconnected);
        Assert.False(client.IsPeerClosed());
    }

    [Fact]
    public async Task Peer_closed_socket_is_detected_before_sending_and_the_client_reconnects()
    {
        // The reference servers close after every message (spec §2.2); the client must notice before the next send.
        await using var listener = await TestListeners.StartAsync(TestListeners.Echo);
        await using var client = TestListeners.Client(listener);
        Assert.True((await client.SendAsync("one")).IsAckReceived);
        await TestNet.WaitUntilAsync(client.IsPeerClosed);
        var second = await client.SendAsync("two");
        Assert.Equal(MllpSendStatus.AckReceived, second.Status);
        Assert.True(second.Reconnected);
        Assert.Equal("ACK:two", second.ResponseText);
    }

    [Fact]
    public async Task No_answer_times_out_closes_and_the_next_send_reconnects()
    {
        MllpHandler handler = (r, c) => r.Payload.Span.SequenceEqual("quiet"u8)
            ? ValueTask.FromResult<MllpResponse?>(MllpResponse.NoReply)
            : TestListeners.Echo(r, c);
        await using var listener = await TestListeners.StartAsync(handler, o => o.KeepConnectionOpen = true);
        await using var client = TestListeners.Client(listener, o => o.AckTimeout = TimeSpan.FromMilliseconds(300));
        var quiet = await client.SendAsync("quiet");
        Assert.Equal(MllpSendStatus.Timeout, quiet.Status);
        Assert.Equal("No ACK received within 0.3 seconds", quiet.Error);
        Assert.False(client.IsConnected);
        var loud = await client.SendAsync("loud");
        Assert.Equal("ACK:loud", loud.ResponseText);
    }

    [Fact]
    public async Task Timeout_is_followed_by_one_resend_on_a_new_connection()
    {
        var calls = 0;
        MllpHandler firstSilent = (r, c) => Interlocked.Increment(ref calls) == 1
            ? ValueTask.FromResult<MllpResponse?>(MllpResponse.NoReply)
            : TestListeners.Echo(r, c);
        await using var listener = await TestListeners.StartAsync(firstSilent, o => o.KeepConnectionOpen = true);
        await using var client = TestListeners.Client(listener, o => o.AckTimeout = TimeSpan.FromMilliseconds(300));
        var result = await client.SendWithResendOnTimeoutAsync("MSH|again"u8.ToArray());
        Assert.Equal(MllpSendStatus.AckReceived, result.Status);
        Assert.True(result.Resent);
        Assert.Equal("ACK:MSH|again", result.ResponseText);
        Assert.Equal(2, calls);

        await using var silent = await TestListeners.StartAsync((_, _) => ValueTask.FromResult<MllpResponse?>(MllpResponse.NoReply), o => o.KeepConnectionOpen = true);
        await using var client2 = TestListeners.Client(silent, o => o.AckTimeout = TimeSpan.FromMilliseconds(200));
        var twice = await client2.SendWithResendOnTimeoutAsync("x"u8.ToArray());
        Assert.Equal(MllpSendStatus.Timeout, twice.Status);
        Assert.True(twice.Resent);
        Assert.True(twice.Elapsed >= TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public async Task Close_without_a_reply_is_connection_closed()
    {
        await using var listener = await TestListeners.StartAsync((_, _) => ValueTask.FromResult<MllpResponse?>(null));
        await using var client = TestListeners.Client(listener);
        var result = await client.SendAsync("x");
        Assert.Equal(MllpSendStatus.ConnectionClosed, result.Status);
        Assert.Null(result.Response);
    }

    [Fact]
    public async Task Nothing_listening_is_connect_failed()
    {
        await using var client = new MllpClient(new MllpClientOptions { Port = TestNet.UnusedPort(), ConnectTimeout = TimeSpan.FromSeconds(2) });
        var result = await client.SendAsync("x");
        Assert.Equal(MllpSendStatus.ConnectFailed, result.Status);
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync().AsTask());
    }

    [Fact]
    public async Task Ack_split_across_segments_is_assembled_and_unframed_text_on_close_is_returned()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen();
        var port = ((IPEndPoint)server.LocalEndPoint!).Port;
        var serving = Task.Run(async () =>
        {
            using (var first = await server.AcceptAsync())
            {
                await TestNet.ReadFrameAsync(first);
                await first.SendAsync(Encoding.ASCII.GetBytes("\u000bMSH|^~\\&|A\rMSA|A"));
                await Task.Delay(100);
                await first.SendAsync(Encoding.ASCII.GetBytes("A|1\r\u001c"));
                await Task.Delay(100);
                await first.SendAsync(new[] { MllpFraming.CarriageReturn });
            }

            using var second = await server.AcceptAsync();
            await TestNet.ReadFrameAsync(second);
            await second.SendAsync(Encoding.ASCII.GetBytes("MSH|^~\\&|||||||NACK||P|2.5|||AL\rMSA|AE|UNKNOWN|Error processing message\r"));
        });

        await using var client = new MllpClient(new MllpClientOptions { Port = port, AckTimeout = TimeSpan.FromSeconds(5) });
        var split = await client.SendAsync("MSH|x");
        Assert.Equal(MllpSendStatus.AckReceived, split.Status);
        Assert.Equal("MSH|^~\\&|A\rMSA|AA|1", split.ResponseText);

        client.Close();
        var unframed = await client.SendAsync("MSH|y");
        Assert.Equal(MllpSendStatus.ConnectionClosed, unframed.Status);
        Assert.StartsWith("MSH|^~\\&|||||||NACK", unframed.ResponseText, StringComparison.Ordinal);
        await serving;
    }

    [Fact]
    public async Task Concurrent_sends_on_one_client_are_refused()
    {
        MllpHandler slow = async (_, c) =>
        {
            await Task.Delay(300, c);
            return MllpResponse.Payload("ok");
        };
        await using var listener = await TestListeners.StartAsync(slow);
        await using var client = TestListeners.Client(listener);
        var first = client.SendAsync("a").AsTask();
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync("b").AsTask());
        Assert.True((await first).IsAckReceived);
    }
}
