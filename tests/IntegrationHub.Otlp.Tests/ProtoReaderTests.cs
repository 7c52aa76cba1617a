using IntegrationHub.Otlp.Protobuf;

namespace IntegrationHub.Otlp.Tests;

/// <summary>The wire-format reader on bytes written out by hand from the protobuf encoding rules.</summary>
public sealed class ProtoReaderTests
{
    [Fact]
    public void Reads_each_wire_type_in_order()
    {
        // field 1 varint 150 (0x96 0x01), field 2 fixed64 1, field 3 "hi", field 4 fixed32 7.
        byte[] bytes = [0x08, 0x96, 0x01, 0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0x1A, 2, (byte)'h', (byte)'i', 0x25, 7, 0, 0, 0];
        var reader = new ProtoReader(bytes);

        Assert.True(reader.TryReadTag(out var field, out var wire));
        Assert.Equal((1, WireType.Varint), (field, wire));
        Assert.Equal(150UL, reader.ReadVarint());
        Assert.True(reader.TryReadTag(out field, out wire));
        Assert.Equal((2, WireType.Fixed64), (field, wire));
        Assert.Equal(1UL, reader.ReadFixed64());
        Assert.True(reader.TryReadTag(out field, out wire));
        Assert.Equal((3, WireType.LengthDelimited), (field, wire));
        Assert.Equal("hi", reader.ReadString());
        Assert.True(reader.TryReadTag(out field, out wire));
        Assert.Equal((4, WireType.Fixed32), (field, wire));
        Assert.Equal(7U, reader.ReadFixed32());
        Assert.False(reader.TryReadTag(out _, out _));
    }

    [Fact]
    public void Reads_the_largest_varint_and_a_double()
    {
        var bytes = new ProtoWriter().Varint(1, ulong.MaxValue).Double(2, -1.5).ToArray();
        var reader = new ProtoReader(bytes);

        reader.TryReadTag(out _, out _);
        Assert.Equal(ulong.MaxValue, reader.ReadVarint());
        reader.TryReadTag(out _, out _);
        Assert.Equal(-1.5, reader.ReadDouble());
    }

    [Fact]
    public void Skips_fields_of_every_wire_type()
    {
        var bytes = new ProtoWriter()
            .Varint(10, 300).Fixed64(11, 9).String(12, "unknown").Fixed32(13, 4).Varint(1, 42)
            .ToArray();
        var reader = new ProtoReader(bytes);
        ulong found = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                found = reader.ReadVarint();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        Assert.Equal(42UL, found);
    }

    [Fact]
    public void A_nested_message_is_read_from_its_length_delimited_bytes()
    {
        var bytes = new ProtoWriter().Message(2, inner => inner.String(1, "service.name")).ToArray();
        var reader = new ProtoReader(bytes);
        reader.TryReadTag(out _, out _);
        var inner = new ProtoReader(reader.ReadLengthDelimited());

        Assert.True(inner.TryReadTag(out var field, out _));
        Assert.Equal(1, field);
        Assert.Equal("service.name", inner.ReadString());
        Assert.True(reader.End);
    }

    public static TheoryData<byte[]> MalformedBodies => new()
    {
        { [0x08] },                                     // a varint field with no value
        { [0x08, 0x80] },                               // a varint cut off after a continuation byte
        { [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] }, // eleven varint bytes
        { [0x11, 1, 2, 3] },                            // fixed64 with four bytes
        { [0x15, 1, 2] },                               // fixed32 with two bytes
        { [0x12, 5, (byte)'a'] },                       // a length running past the end
        { [0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F] },       // a length of 4 GiB
        { [0x0B] },                                     // wire type 3 (start group)
        { [0x0E] },                                     // wire type 6 does not exist
        { [0x00, 0x01] },                               // field number 0
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Malformed_bytes_throw_a_format_exception_and_nothing_else(byte[] bytes)
    {
        Assert.Throws<OtlpFormatException>(() => ReadAll(bytes));
    }

    private static void ReadAll(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        while (reader.TryReadTag(out _, out var wire))
        {
            reader.Skip(wire);
        }
    }
}
