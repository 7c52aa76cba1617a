using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Otlp;

/// <summary>Reads an OTLP request body into memory, gunzipping it when the sender compressed it.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The largest body accepted after decompression. The .NET exporter's batches are far smaller; the limit is
    /// what stops a small gzip bomb from inflating into gigabytes.
    /// </summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    public enum ReadStatus
    {
        Ok,
        TooLarge,
        UnsupportedEncoding,
    }

    public readonly record struct Result(ReadStatus Status, byte[] Body);

    /// <exception cref="InvalidDataException">The body claims gzip but is not.</exception>
    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        Stream source;
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            source = request.Body;
        }
        else if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            source = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
        }
        else
        {
            return new Result(ReadStatus.UnsupportedEncoding, []);
        }

        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return new Result(ReadStatus.TooLarge, []);
                }

                buffer.Write(chunk, 0, read);
            }

            return new Result(ReadStatus.Ok, buffer.ToArray());
        }
    }
}
