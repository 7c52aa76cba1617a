using System.Buffers.Binary;
using System.Text;

namespace IntegrationHub.Otlp.Protobuf;

/// <summary>
/// A forward-only reader of the protobuf binary wire format over one message's bytes. It knows nothing of OTLP:
/// the decoders ask for tags and values and skip every field they do not need, so newer senders with fields this
/// reader has never heard of still decode. Any truncation or impossible encoding throws
/// <see cref="OtlpFormatException"/>, never an index or overflow exception.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next field's key; false at the end of the message.</summary>
    public bool TryReadTag(out int fieldNumber, out WireType wireType)
    {
        if (End)
        {
            fieldNumber = 0;
            wireType = default;
            return false;
        }

        var key = ReadVarint();
        var number = key >> 3;
        if (number == 0 || number > 536_870_911)
        {
            throw new OtlpFormatException($"Invalid field number {number} at byte {_position}.");
        }

        wireType = (WireType)(key & 7);
        if (wireType is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
        {
            throw new OtlpFormatException($"Unsupported wire type {(int)wireType} for field {number}.");
        }

        fieldNumber = (int)number;
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new OtlpFormatException("Truncated varint.");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new OtlpFormatException("Varint longer than ten bytes.");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    /// <summary>A length-delimited field's payload: a nested message, a string, bytes or a packed array.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new OtlpFormatException($"Length {length} runs past the end of the message.");
        }

        return Take((int)length);
    }

    /// <summary>A string field; invalid UTF-8 becomes U+FFFD rather than failing the whole batch.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>Skips a field this decoder does not need, whatever its wire type.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            default:
                throw new OtlpFormatException($"Unsupported wire type {(int)wireType}.");
        }
    }

    /// <summary>A fixed64 field's value, after <see cref="Expect"/> checked its wire type.</summary>
    public ulong ReadFixed64(WireType wireType, int fieldNumber)
    {
        Expect(wireType, WireType.Fixed64, fieldNumber);
        return ReadFixed64();
    }

    /// <summary>A double field's value, after <see cref="Expect"/> checked its wire type.</summary>
    public double ReadDouble(WireType wireType, int fieldNumber)
    {
        Expect(wireType, WireType.Fixed64, fieldNumber);
        return ReadDouble();
    }

    /// <summary>A varint field's value, after <see cref="Expect"/> checked its wire type.</summary>
    public ulong ReadVarint(WireType wireType, int fieldNumber)
    {
        Expect(wireType, WireType.Varint, fieldNumber);
        return ReadVarint();
    }

    /// <summary>A length-delimited field's bytes, after <see cref="Expect"/> checked its wire type.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited(WireType wireType, int fieldNumber)
    {
        Expect(wireType, WireType.LengthDelimited, fieldNumber);
        return ReadLengthDelimited();
    }

    /// <summary>A string field's value, after <see cref="Expect"/> checked its wire type.</summary>
    public string ReadString(WireType wireType, int fieldNumber)
    {
        Expect(wireType, WireType.LengthDelimited, fieldNumber);
        return ReadString();
    }

    /// <summary>Throws unless the field has the wire type the schema gives it (a mismatch means a corrupt body).</summary>
    public static void Expect(WireType actual, WireType expected, int fieldNumber)
    {
        if (actual != expected)
        {
            throw new OtlpFormatException($"Field {fieldNumber} has wire type {(int)actual}, expected {(int)expected}.");
        }
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with every occurrence of the embedded-message field <paramref name="fieldNumber"/>
    /// of <paramref name="message"/> (a repeated field), in wire order; other fields are skipped.
    /// </summary>
    public static void ForEachMessage<TState>(ReadOnlySpan<byte> message, int fieldNumber, TState state, EmbeddedMessageHandler<TState> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var reader = new ProtoReader(message);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == fieldNumber)
            {
                Expect(wire, WireType.LengthDelimited, field);
                handler(reader.ReadLengthDelimited(), state);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    /// <summary>
    /// The embedded-message field <paramref name="fieldNumber"/> of <paramref name="message"/> (a singular field: the
    /// last occurrence wins, as protobuf merges them); false when it is absent. It may stand anywhere on the wire.
    /// </summary>
    public static bool TryFindMessage(ReadOnlySpan<byte> message, int fieldNumber, out ReadOnlySpan<byte> found)
    {
        found = default;
        var present = false;
        var reader = new ProtoReader(message);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == fieldNumber)
            {
                Expect(wire, WireType.LengthDelimited, field);
                found = reader.ReadLengthDelimited();
                present = true;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return present;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new OtlpFormatException("Message truncated.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}

/// <summary>Receives one embedded message found by <see cref="ProtoReader.ForEachMessage{TState}"/>.</summary>
internal delegate void EmbeddedMessageHandler<in TState>(ReadOnlySpan<byte> message, TState state);
