using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Otlp.Decoding;
using IntegrationHub.Otlp.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Otlp;

/// <summary>
/// The OTLP/HTTP receiver (binary protobuf encoding): what the OpenTelemetry exporters of the hub's services send
/// to when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> points here and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> is
/// <c>http/protobuf</c>. A success is 200 with an empty Export*ServiceResponse (no partial_success).
/// </summary>
public static class OtlpEndpoints
{
    /// <summary>The request header carrying the API key (set on senders with OTEL_EXPORTER_OTLP_HEADERS).</summary>
    public const string ApiKeyHeader = "x-otlp-api-key";

    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>POST /v1/logs, /v1/metrics and /v1/traces. When <paramref name="apiKey"/> is not null, requests without it get 401.</summary>
    public static IEndpointRouteBuilder MapOtlpReceiver(this IEndpointRouteBuilder app, TelemetryStore store, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        var key = apiKey is null ? null : Encoding.UTF8.GetBytes(apiKey);
        app.MapPost("/v1/logs", context => ReceiveAsync(context, key, "logs", body => store.AddLogs(LogsDecoder.Decode(body))));
        app.MapPost("/v1/metrics", context => ReceiveAsync(context, key, "metrics", body => store.AddMetricPoints(MetricsDecoder.Decode(body))));
        app.MapPost("/v1/traces", context => ReceiveAsync(context, key, "traces", body => store.AddTraceSpans(TracesDecoder.Decode(body))));
        return app;
    }

    private static async Task ReceiveAsync(HttpContext context, byte[]? apiKey, string signal, Action<byte[]> store)
    {
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(OtlpEndpoints)) ?? NullLogger.Instance;
        var request = context.Request;
        if (apiKey is not null && !HasApiKey(request, apiKey))
        {
            OtlpLog.Unauthorized(logger, signal);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!IsProtobuf(request.ContentType))
        {
            // OTLP/HTTP JSON is valid OTLP but not what the hub's exporters send; say so rather than misread it.
            await RejectAsync(context, logger, signal, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type must be {ProtobufContentType}.").ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            var read = await RequestBody.ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (read.Status != RequestBody.ReadStatus.Ok)
            {
                var (status, reason) = read.Status == RequestBody.ReadStatus.TooLarge
                    ? (StatusCodes.Status413PayloadTooLarge, "The request body is too large.")
                    : (StatusCodes.Status415UnsupportedMediaType, "Content-Encoding must be gzip or none.");
                await RejectAsync(context, logger, signal, status, reason).ConfigureAwait(false);
                return;
            }

            body = read.Body;
        }
        catch (InvalidDataException e)
        {
            await RejectAsync(context, logger, signal, StatusCodes.Status400BadRequest, "The gzip body is corrupt: " + e.Message).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limits (a body over its maximum size, a client that stopped sending).
            await RejectAsync(context, logger, signal, e.StatusCode, e.Message).ConfigureAwait(false);
            return;
        }

        try
        {
            store(body);
        }
        catch (OtlpFormatException e)
        {
            await RejectAsync(context, logger, signal, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }
        catch (AggregateException e)
        {
            // A dashboard handler failed after the records were stored: answering with an error would only make
            // the exporter send them again.
            OtlpLog.HandlerFailed(logger, e);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
        context.Response.ContentLength = 0;
    }

    private static bool HasApiKey(HttpRequest request, byte[] expected)
    {
        var given = request.Headers[ApiKeyHeader];
        return given.Count == 1 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[0] ?? string.Empty), expected);
    }

    private static bool IsProtobuf(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(ProtobufContentType, StringComparison.OrdinalIgnoreCase);

    private static async Task RejectAsync(HttpContext context, ILogger logger, string signal, int status, string reason)
    {
        // The reason describes the encoding only; it never quotes the body (which may carry patient data).
        OtlpLog.Rejected(logger, signal, status, reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason, context.RequestAborted).ConfigureAwait(false);
    }
}
