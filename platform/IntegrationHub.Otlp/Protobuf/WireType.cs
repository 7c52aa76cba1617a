namespace IntegrationHub.Otlp.Protobuf;

/// <summary>The protobuf wire types OTLP messages use (groups, 3 and 4, are deprecated and never sent by OTLP).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
