using System.Globalization;
using System.Text;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// What <c>hub listen</c> does with each frame: print a header line (local time, peer, MSH-10) and the message one
/// segment per line, save it when asked, answer with the chosen code. Connections are served concurrently, so all
/// writing goes through one gate and messages never interleave on the screen.
/// </summary>
public sealed class ListenReceiver(TextWriter output, TextWriter error, Hl7AckCode code, string? outDirectory) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _received;

    public int Received => Volatile.Read(ref _received);

    public async ValueTask<MllpResponse?> HandleAsync(MllpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = Interlocked.Increment(ref _received);
        var text = Encoding.UTF8.GetString(request.Payload.Span);
        var message = Hl7Message.TryParse(text, out var parsed, out _) ? parsed : null;
        var controlId = message?.Get("MSH-10") ?? string.Empty;
        string? problem = null;
        if (outDirectory is not null)
        {
            problem = await SaveAsync(number, controlId, request.Payload, cancellationToken).ConfigureAwait(false);
        }

        if (message is null)
        {
            problem ??= "not an HL7 v2 message: closed without an ACK";
        }

        var time = DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture);
        var header = $"--- #{number} {time} from {request.Connection.RemoteEndPoint} MSH-10 {(controlId.Length > 0 ? controlId : "(none)")} ({request.FrameLength} bytes)";
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteLineAsync(header).ConfigureAwait(false);
            await Hl7Lines.WriteAsync(output, text).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                await error.WriteLineAsync($"#{number}: {problem}").ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        // A message that could not be kept as asked is not acknowledged: the sender must not believe it delivered.
        if (problem is not null || message is null)
        {
            return null;
        }

        var ackError = code == Hl7AckCode.AA ? null : new Hl7AckError(207, "Message not accepted");
        return MllpResponse.Framed(Hl7AckBuilder.BuildFramed(message, code, error: ackError));
    }

    /// <summary>Writes a status line to stderr, in turn with the messages.</summary>
    public async Task StatusAsync(string line)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Saves the payload as received; returns why it could not be saved, or null.</summary>
    private async Task<string?> SaveAsync(int number, string controlId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outDirectory!, FileName(number, controlId));
        try
        {
            await File.WriteAllBytesAsync(path, payload, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"not saved, closed without an ACK: {ex.Message}";
        }
    }

    /// <summary>Arrival order first so a listing sorts as the messages came; MSH-10 reduced to characters safe in any file system.</summary>
    public static string FileName(int number, string controlId)
    {
        ArgumentNullException.ThrowIfNull(controlId);
        var safe = new StringBuilder(Math.Min(controlId.Length, 64));
        foreach (var c in controlId.AsSpan(0, Math.Min(controlId.Length, 64)))
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        var name = safe.Length > 0 ? safe.ToString() : "no-control-id";
        return $"{number.ToString("D6", CultureInfo.InvariantCulture)}-{name}.hl7";
    }
}
