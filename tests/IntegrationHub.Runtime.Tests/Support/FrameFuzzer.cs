using System.Text;

namespace IntegrationHub.Runtime.Tests.Support;

/// <summary>
/// Deterministic MLLP frames made by damaging real sample messages: truncation, bit flips, delimiter damage, random
/// bytes, oversized and boundary-sized frames, wrong MSH fields, plus untouched messages. Each sample gets a unique
/// control id first so the same seed always yields the same frames and every frame is distinguishable.
/// </summary>
public sealed class FrameFuzzer(IReadOnlyList<string> samples, int maxFrameBytes, int seed)
{
    private const byte StartBlock = 0x0B;
    private const byte EndBlock = 0x1C;
    private const byte CarriageReturn = 0x0D;

    private static readonly string[] WrongMessageTypes = ["ADT^A01^ADT_A01", "ADT^A05^ADT_A05", "ADT^A28^ADT_A39", "ADT^A04", "ORU^R01", "ADT^A31^ADT_A05 ^X", string.Empty];
    private static readonly string[] WrongVersions = ["2.4", "2.5.1", "2.5^GBR", "2.9", " 2.5", string.Empty];
    private static readonly string[] WrongHeaders = ["MSX", "msh", " MSH", "MS", "\rMSH", "PID"];

    private readonly Random _random = new(seed);

    public sealed record Frame(int Index, string Kind, byte[] Bytes);

    public IEnumerable<Frame> Frames(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var message = WithControlId(samples[_random.Next(samples.Count)], $"FZ{seed}-{i}");
            var (kind, bytes) = _random.Next(10) switch
            {
                0 => ("valid", Framed(message)),
                1 => Truncated(message),
                2 => ("bit-flips", Framed(FlipBits(Encoding.UTF8.GetBytes(message)))),
                3 or 4 => ("delimiter-damage", Framed(DamageDelimiters(message))),
                5 => RandomBytes(),
                6 => Oversized(message),
                _ => WrongHeader(message),
            };
            yield return new Frame(i, kind, bytes);
        }
    }

    /// <summary>The sample with MSH-10 replaced; MSH-n is field n-1 of the header split on '|'.</summary>
    public static string WithControlId(string message, string controlId)
    {
        var headerEnd = message.IndexOf('\r', StringComparison.Ordinal);
        var fields = message[..headerEnd].Split('|');
        fields[9] = controlId;
        return string.Join('|', fields) + message[headerEnd..];
    }

    public static byte[] Framed(string payload) => Framed(Encoding.UTF8.GetBytes(payload));

    public static byte[] Framed(byte[] payload) => [StartBlock, .. payload, EndBlock, CarriageReturn];

    private (string, byte[]) Truncated(string message)
    {
        var payload = Encoding.UTF8.GetBytes(message);
        var cut = _random.Next(payload.Length);
        return _random.Next(2) == 0
            ? ("truncated-payload", Framed(payload[..cut]))
            : ("truncated-frame", Framed(payload)[..(cut + 1)]);
    }

    private byte[] FlipBits(byte[] payload)
    {
        var flips = 1 + _random.Next(8);
        for (var i = 0; i < flips; i++)
        {
            payload[_random.Next(payload.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return payload;
    }

    private string DamageDelimiters(string message)
    {
        var text = new StringBuilder(message);
        var damages = 1 + _random.Next(3);
        for (var d = 0; d < damages; d++)
        {
            var positions = Enumerable.Range(0, text.Length).Where(i => text[i] is '|' or '^' or '~' or '\\' or '&' or '\r').ToList();
            if (positions.Count == 0)
            {
                break;
            }

            var at = positions[_random.Next(positions.Count)];
            switch (_random.Next(4))
            {
                case 0:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, text[at]);
                    break;
                case 2:
                    text[at] = "|^~\\&\r\n"[_random.Next(7)];
                    break;
                default:
                    text.Insert(at, '\r');
                    break;
            }
        }

        return text.ToString();
    }

    private (string, byte[]) RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 2048)];
        _random.NextBytes(bytes);
        return _random.Next(3) switch
        {
            0 => ("random-bytes", bytes),
            1 => ("random-bytes-framed", Framed(bytes)),
            _ => ("random-after-msh", Framed([.. "MSH|^~\\&|"u8, .. bytes])),
        };
    }

    private (string, byte[]) Oversized(string message)
    {
        // Exactly at the limit (accepted when otherwise valid), one byte over, or far over.
        var target = _random.Next(3) switch
        {
            0 => maxFrameBytes,
            1 => maxFrameBytes + 1,
            _ => maxFrameBytes * 2 + _random.Next(maxFrameBytes),
        };
        var body = message.TrimEnd('\r') + "\rZPD|";
        var padding = Math.Max(0, target - Encoding.UTF8.GetByteCount(body) - 3);
        return (target > maxFrameBytes ? "oversized" : "at-size-limit", Framed(body + new string('x', padding)));
    }

    private (string, byte[]) WrongHeader(string message)
    {
        var headerEnd = message.IndexOf('\r', StringComparison.Ordinal);
        var fields = message[..headerEnd].Split('|');
        switch (_random.Next(4))
        {
            case 0:
                fields[8] = WrongMessageTypes[_random.Next(WrongMessageTypes.Length)];
                break;
            case 1:
                fields[11] = WrongVersions[_random.Next(WrongVersions.Length)];
                break;
            case 2:
                fields[2] = _random.Next(2) == 0 ? "666" : fields[2] + "^X";
                break;
            default:
                fields[0] = WrongHeaders[_random.Next(WrongHeaders.Length)];
                break;
        }

        return ("wrong-msh", Framed(string.Join('|', fields) + message[headerEnd..]));
    }
}
