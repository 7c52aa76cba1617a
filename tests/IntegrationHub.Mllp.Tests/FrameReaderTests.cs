using System.IO.Pipelines;
using System.Text;

namespace IntegrationHub.Mllp.Tests;

public class FrameReaderTests
{
    private static async Task<MllpReadResult> ReadOneAsync(byte[] data, int limit = 1024, bool complete = true)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(data);
        if (complete)
        {
            await pipe.Writer.CompleteAsync();
        }

        using var reader = new MllpFrameReader(pipe.Reader, new MllpFrameReaderOptions { MaxFrameBytes = limit, ReadTimeout = TimeSpan.FromMilliseconds(300) });
        var result = await reader.ReadFrameAsync();

        // Copy out: the reader's buffers go back to the pool when it is disposed.
        return new MllpReadResult(result.Status, result.ByteCount, result.Payload.ToArray(), result.Prefix.ToArray());
    }

    private static byte[] FrameOfTotalSize(int total)
    {
        var payload = new byte[total - MllpFraming.Overhead];
        Array.Fill(payload, (byte)'A');
        return MllpFraming.Frame(payload);
    }

    [Fact]
    public async Task Frame_of_exactly_the_limit_is_accepted()
    {
        var result = await ReadOneAsync(FrameOfTotalSize(1024), limit: 1024);
        Assert.Equal(MllpReadStatus.Frame, result.Status);
        Assert.Equal(1024, result.ByteCount);
        Assert.Equal(1021, result.Payload.Length);
    }

    [Fact]
    public async Task Frame_one_byte_over_the_limit_is_too_large_with_the_first_1000_bytes()
    {
        var result = await ReadOneAsync(FrameOfTotalSize(2049), limit: 2048);
        Assert.Equal(MllpReadStatus.TooLarge, result.Status);
        Assert.True(result.ByteCount >= 2048);
        Assert.Equal(1000, result.Prefix.Length);
        Assert.Equal(MllpFraming.StartBlock, result.Prefix.Span[0]);
        Assert.Equal((byte)'A', result.Prefix.Span[999]);
    }

    [Fact]
    public async Task Reaching_the_limit_without_terminator_stops_even_if_the_stream_stays_open()
    {
        var data = new byte[100];
        data[0] = MllpFraming.StartBlock;
        var result = await ReadOneAsync(data, limit: 100, complete: false);
        Assert.Equal(MllpReadStatus.TooLarge, result.Status);
    }

    [Fact]
    public async Task First_byte_other_than_VT_is_rejected()
    {
        var result = await ReadOneAsync(Encoding.ASCII.GetBytes("MSH|^~\\&|\r\u001c\r"));
        Assert.Equal(MllpReadStatus.MissingStartByte, result.Status);
    }

    [Fact]
    public async Task Peer_closing_mid_frame_is_reported_with_what_arrived()
    {
        var result = await ReadOneAsync(Encoding.ASCII.GetBytes("\u000bMSH|^~\\&|A"));
        Assert.Equal(MllpReadStatus.ClosedEarly, result.Status);
        Assert.Equal(11, result.ByteCount);
        Assert.Equal(11, result.Prefix.Length);
    }

    [Fact]
    public async Task Peer_closing_before_any_byte_is_end_of_stream()
    {
        var result = await ReadOneAsync([]);
        Assert.Equal(MllpReadStatus.EndOfStream, result.Status);
    }

    [Fact]
    public async Task Silence_times_out()
    {
        var result = await ReadOneAsync([], complete: false);
        Assert.Equal(MllpReadStatus.Timeout, result.Status);
    }

    [Fact]
    public async Task Payload_is_byte_for_byte_including_CRLF_LF_and_a_lone_FS()
    {
        var payload = "MSH|^~\\&|A\r\nPID|1\n\u001cZ|é\r";
        var result = await ReadOneAsync(TestNet.Frame(payload));
        Assert.Equal(MllpReadStatus.Frame, result.Status);
        Assert.Equal(payload, Encoding.UTF8.GetString(result.Payload.Span));
    }

    [Fact]
    public async Task Terminator_split_across_writes_and_back_to_back_frames_are_read()
    {
        var pipe = new Pipe();
        using var reader = new MllpFrameReader(pipe.Reader, new MllpFrameReaderOptions());
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("\u000bONE\u001c"));
        var pending = reader.ReadFrameAsync().AsTask();
        await Task.Delay(20);
        Assert.False(pending.IsCompleted);
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("\r\u000bTWO\u001c\r"));
        var first = await pending;
        Assert.Equal("ONE", Encoding.ASCII.GetString(first.Payload.Span));
        var second = await reader.ReadFrameAsync();
        Assert.Equal("TWO", Encoding.ASCII.GetString(second.Payload.Span));
    }

    [Fact]
    public async Task Frame_arriving_in_many_small_segments_is_assembled()
    {
        var pipe = new Pipe();
        using var reader = new MllpFrameReader(pipe.Reader, new MllpFrameReaderOptions { MaxFrameBytes = 5000 });
        var frame = FrameOfTotalSize(5000);
        var pending = reader.ReadFrameAsync().AsTask();
        for (var i = 0; i < frame.Length; i += 7)
        {
            await pipe.Writer.WriteAsync(frame.AsMemory(i, Math.Min(7, frame.Length - i)));
        }

        var result = await pending;
        Assert.Equal(MllpReadStatus.Frame, result.Status);
        Assert.Equal(5000, result.ByteCount);
    }

    [Fact]
    public void Framing_writes_and_unwraps()
    {
        var frame = MllpFraming.Frame("MSH|x"u8);
        Assert.Equal([0x0B, .. "MSH|x"u8.ToArray(), 0x1C, 0x0D], frame);
        Assert.True(MllpFraming.TryUnwrap(frame, out var payload));
        Assert.Equal("MSH|x", Encoding.ASCII.GetString(payload));
        Assert.False(MllpFraming.TryUnwrap("MSH|x"u8, out _));
    }

    [Fact]
    public void Limit_outside_the_allowed_range_is_refused()
    {
        var pipe = new Pipe();
        Assert.Throws<ArgumentOutOfRangeException>(() => new MllpFrameReader(pipe.Reader, new MllpFrameReaderOptions { MaxFrameBytes = 104_857_601 }));
        using var ok = new MllpFrameReader(pipe.Reader, new MllpFrameReaderOptions { MaxFrameBytes = 104_857_600 });
    }
}
