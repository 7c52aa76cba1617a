using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace IntegrationHub.Otlp.Tests;

/// <summary>The receiver's HTTP contract, driven by a plain HttpClient against Kestrel on 127.0.0.1.</summary>
public sealed class ReceiverHttpTests
{
    private const string ApiKey = "k3y";
    private static readonly DateTimeOffset Time = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_valid_request_is_stored_and_answered_with_an_empty_protobuf_success()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();

        using var response = await client.SendAsync(Post(receiver.Endpoint("logs"), Otlp.LogsRequest("svc", "cat", Time, (9, "hello")), ApiKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("hello", Assert.Single(receiver.Store.QueryLogs(new LogQuery())).Message);
    }

    [Fact]
    public async Task A_failing_log_handler_neither_fails_the_request_nor_starves_other_handlers()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        var seen = new List<string>();
        receiver.Store.LogReceived += _ => throw new InvalidOperationException("dashboard bug");
        receiver.Store.LogReceived += log => seen.Add(log.Message);
        using var client = new HttpClient();

        using var response = await client.SendAsync(Post(receiver.Endpoint("logs"), Otlp.LogsRequest("svc", "cat", Time, (9, "one"), (9, "two")), ApiKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["one", "two"], seen);
        Assert.Equal(2, receiver.Store.QueryLogs(new LogQuery()).Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("k3y-and-more")]
    public async Task Without_the_api_key_the_answer_is_401_and_nothing_is_stored(string? key)
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();

        foreach (var (signal, body) in AllSignals())
        {
            using var response = await client.SendAsync(Post(receiver.Endpoint(signal), body, key));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        AssertEmpty(receiver.Store);
    }

    [Fact]
    public async Task Without_a_configured_key_no_header_is_needed()
    {
        await using var receiver = await ReceiverHost.StartAsync(apiKey: null);
        using var client = new HttpClient();

        foreach (var (signal, body) in AllSignals())
        {
            using var response = await client.SendAsync(Post(receiver.Endpoint(signal), body, key: null));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(receiver.Store.QueryLogs(new LogQuery()));
        Assert.Single(receiver.Store.QueryMetrics());
        Assert.Equal(1, receiver.Store.TraceSpansReceived);
    }

    [Fact]
    public async Task A_garbage_body_is_400_stores_nothing_and_the_receiver_keeps_serving()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();
        byte[] garbage = [0x0A, 0xFF, 0x01, 0x02, 0x03];
        // A valid record followed by a truncated one: the request is rejected whole.
        var halfValid = Otlp.LogsRequest("svc", "cat", Time, (9, "first")).Concat(garbage).ToArray();

        foreach (var signal in new[] { "logs", "metrics", "traces" })
        {
            using var response = await client.SendAsync(Post(receiver.Endpoint(signal), garbage, ApiKey));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await client.SendAsync(Post(receiver.Endpoint("logs"), halfValid, ApiKey)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        AssertEmpty(receiver.Store);
        using var valid = await client.SendAsync(Post(receiver.Endpoint("logs"), Otlp.LogsRequest("svc", "cat", Time, (9, "after")), ApiKey));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task A_gzip_body_is_decompressed()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();
        using var request = Post(receiver.Endpoint("metrics"), Gzip(Otlp.SumRequest("svc", "received", Time, 12)), ApiKey);
        request.Content!.Headers.ContentEncoding.Add("gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(12, Assert.Single(Assert.Single(receiver.Store.QueryMetrics()).Points).Value);
    }

    public static TheoryData<byte[]> CorruptGzipBodies => new()
    {
        // Not gzip at all (no 1F 8B magic).
        { "plain protobuf?"u8.ToArray() },
        // A gzip header followed by a deflate block of the reserved type 3.
        { [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF] },
    };

    [Theory]
    [MemberData(nameof(CorruptGzipBodies))]
    public async Task A_corrupt_gzip_body_is_400(byte[] body)
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();
        using var request = Post(receiver.Endpoint("logs"), body, ApiKey);
        request.Content!.Headers.ContentEncoding.Add("gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertEmpty(receiver.Store);
    }

    [Fact]
    public async Task A_gzip_body_inflating_past_the_limit_is_413()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();
        using var request = Post(receiver.Endpoint("logs"), Gzip(new byte[40 * 1024 * 1024]), ApiKey);
        request.Content!.Headers.ContentEncoding.Add("gzip");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Json_and_unknown_encodings_are_415()
    {
        await using var receiver = await ReceiverHost.StartAsync(ApiKey);
        using var client = new HttpClient();
        using var json = Post(receiver.Endpoint("logs"), "{}"u8.ToArray(), ApiKey);
        json.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var brotli = Post(receiver.Endpoint("logs"), Otlp.LogsRequest("svc", "cat", Time, (9, "x")), ApiKey);
        brotli.Content!.Headers.ContentEncoding.Add("br");

        using var jsonResponse = await client.SendAsync(json);
        using var brotliResponse = await client.SendAsync(brotli);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, jsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, brotliResponse.StatusCode);
        AssertEmpty(receiver.Store);
    }

    private static IEnumerable<(string Signal, byte[] Body)> AllSignals() =>
    [
        ("logs", Otlp.LogsRequest("svc", "cat", Time, (9, "hello"))),
        ("metrics", Otlp.SumRequest("svc", "received", Time, 1)),
        ("traces", new ProtoWriter().Message(1, rs => { Otlp.Resource(rs, "svc"); rs.Message(2, ss => ss.Message(2, span => span.String(5, "s"))); }).ToArray()),
    ];

    private static HttpRequestMessage Post(Uri uri, byte[] body, string? key)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(OtlpEndpoints.ApiKeyHeader, key);
        }

        return request;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    private static void AssertEmpty(TelemetryStore store)
    {
        Assert.Empty(store.QueryLogs(new LogQuery()));
        Assert.Empty(store.QueryMetrics());
        Assert.Equal(0, store.TraceSpansReceived);
        Assert.Empty(store.Resources);
    }
}
