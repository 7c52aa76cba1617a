using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Mllp;

/// <summary>One connection's life: optional TLS handshake, then read → handle → respond until it ends.</summary>
public sealed partial class MllpListener
{
    private async Task RunConnectionAsync(long id, Socket socket)
    {
        // Leave the accept loop before doing any work for this connection.
        await Task.Yield();
        var remote = socket.RemoteEndPoint;
        var frames = 0;
        var outcome = "peer closed";
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            MllpLog.ConnectionOpened(_logger, id, remote);
            X509Certificate2? clientCertificate = null;
            if (_sslOptions is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                if (!await AuthenticateAsync(ssl, id, remote).ConfigureAwait(false))
                {
                    outcome = "TLS handshake failed";
                    return;
                }

                clientCertificate = ssl.RemoteCertificate as X509Certificate2;
            }

            var connection = new MllpConnectionInfo(id, remote, socket.LocalEndPoint, clientCertificate);
            var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096, leaveOpen: true));
            using var reader = new MllpFrameReader(pipe, _readerOptions);
            while (true)
            {
                var idle = frames == 0 ? _options.ReadTimeout : _options.IdleTimeout;
                var result = await reader.ReadFrameAsync(idle, _stopping.Token).ConfigureAwait(false);
                if (!result.IsFrame)
                {
                    outcome = await RejectAsync(result, frames, connection).ConfigureAwait(false);
                    break;
                }

                frames++;
                var request = new MllpRequest(result.Payload, (int)result.ByteCount, frames, connection);
                var keepOpen = await HandleAsync(stream, request).ConfigureAwait(false);
                if (!keepOpen)
                {
                    outcome = "closed by handler";
                    break;
                }

                if (!_options.KeepConnectionOpen || _stopping.IsCancellationRequested)
                {
                    outcome = "one message per connection";
                    DiscardPending(socket);
                    break;
                }
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            outcome = "listener stopping";
        }
        catch (OperationCanceledException)
        {
            outcome = "timed out writing the response";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or AuthenticationException)
        {
            outcome = "I/O error";
            var error = ex.GetType().Name + ": " + ex.Message;
            MllpLog.ConnectionError(_logger, id, error);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            MllpLog.ConnectionClosed(_logger, id, frames, outcome);
            if (Interlocked.Decrement(ref _active) <= 0 && _stopping.IsCancellationRequested)
            {
                _drained.TrySetResult();
            }
        }
    }

    // Closing a socket with unread bytes in its receive buffer sends a reset, which can make the peer drop the response
    // it has not read yet. Bytes a client sent after its frame (a stray LF) are discarded first, without waiting.
    private static void DiscardPending(Socket socket)
    {
        try
        {
            Span<byte> scratch = stackalloc byte[1024];
            for (var budget = 64 * 1024; budget > 0 && socket.Available > 0; budget -= scratch.Length)
            {
                if (socket.Receive(scratch, SocketFlags.None) == 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing to protect.
        }
    }

    private async Task<bool> AuthenticateAsync(SslStream ssl, long id, System.Net.EndPoint? remote)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.ReadTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(_sslOptions!, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            MllpLog.TlsHandshakeFailed(_logger, id, remote, ex is OperationCanceledException ? "timed out" : ex.GetType().Name);
            return false;
        }
    }

    private async Task<string> RejectAsync(MllpReadResult result, int frames, MllpConnectionInfo connection)
    {
        if (result.Status == MllpReadStatus.EndOfStream)
        {
            return "peer closed";
        }

        if (result.Status == MllpReadStatus.Timeout && result.ByteCount == 0 && frames > 0)
        {
            // A kept-open connection that went quiet between frames: routine, not a refused frame.
            return "idle timeout";
        }

        if (result.Status == MllpReadStatus.TooLarge)
        {
            MllpLog.FrameTooLarge(_logger, result.ByteCount, _options.MaxFrameBytes, connection.Id, connection.RemoteEndPoint);
        }
        else
        {
            MllpLog.FrameRejected(_logger, connection.Id, connection.RemoteEndPoint, result.Status, result.ByteCount);
        }

        if (_onRejected is not null)
        {
            try
            {
                var rejection = new MllpRejection(result.Status, result.ByteCount, _options.MaxFrameBytes, result.Prefix, connection);
                await _onRejected(rejection, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var type = ex.GetType().FullName ?? "Exception";
                MllpLog.RejectionHandlerFailed(_logger, type, connection.Id, ex.StackTrace);
            }
        }

        return result.Status.ToString();
    }

    private async Task<bool> HandleAsync(Stream stream, MllpRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        MllpResponse? response;
        try
        {
            response = await _handler(request, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            var type = ex.GetType().FullName ?? "Exception";
            MllpLog.HandlerFailed(_logger, type, request.Connection.Id, request.Sequence, request.FrameLength, ex.StackTrace);
            return false;
        }

        if (response is null)
        {
            return false;
        }

        var written = 0;
        if (response.Writes)
        {
            written = await WriteResponseAsync(stream, response).ConfigureAwait(false);
        }

        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        MllpLog.FrameHandled(_logger, request.Connection.Id, request.Sequence, request.FrameLength, written, elapsedMs);
        return true;
    }

    private async Task<int> WriteResponseAsync(Stream stream, MllpResponse response)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        timeout.CancelAfter(_options.ReadTimeout);
        if (response.IsFramed)
        {
            await stream.WriteAsync(response.Bytes, timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            return response.Bytes.Length;
        }

        // Frame into one pooled buffer so the response leaves in a single write (one TLS record, one segment).
        var length = response.Bytes.Length + MllpFraming.Overhead;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            MllpFraming.WriteFrame(response.Bytes.Span, buffer);
            await stream.WriteAsync(buffer.AsMemory(0, length), timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
