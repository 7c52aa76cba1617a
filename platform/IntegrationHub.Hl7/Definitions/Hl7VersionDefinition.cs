namespace IntegrationHub.Hl7.Definitions;

/// <summary>The definitions of one HL7 v2 version: segments, data types and message structures.</summary>
public sealed class Hl7VersionDefinition
{
    internal Hl7VersionDefinition(
        string version,
        IReadOnlyDictionary<string, SegmentDefinition> segments,
        IReadOnlyDictionary<string, DataTypeDefinition> dataTypes,
        IReadOnlyDictionary<string, MessageStructureDefinition> messageStructures)
    {
        Version = version;
        Segments = segments;
        DataTypes = dataTypes;
        MessageStructures = messageStructures;
    }

    /// <summary>The version, as MSH-12 writes it (e.g. <c>2.5.1</c>).</summary>
    public string Version { get; }

    /// <summary>Segment definitions by segment id.</summary>
    public IReadOnlyDictionary<string, SegmentDefinition> Segments { get; }

    /// <summary>Data type definitions by type id.</summary>
    public IReadOnlyDictionary<string, DataTypeDefinition> DataTypes { get; }

    /// <summary>
    /// Message structures by id. Keyed as the source dictionary keys them: structure ids (<c>ADT_A05</c>) and also
    /// trigger-named entries (<c>ADT_A28</c>) that carry the same tree.
    /// </summary>
    public IReadOnlyDictionary<string, MessageStructureDefinition> MessageStructures { get; }

    /// <summary>
    /// True when the version defines segment <paramref name="segmentId"/>. Z-segments are local extensions and are
    /// never defined here; callers decide whether to allow them.
    /// </summary>
    public bool IsKnownSegment(string segmentId) => Segments.ContainsKey(segmentId);

    /// <summary>The segment definition, or null.</summary>
    public SegmentDefinition? Segment(string segmentId) => Segments.GetValueOrDefault(segmentId);

    /// <summary>The data type definition, or null.</summary>
    public DataTypeDefinition? DataType(string dataTypeId) => DataTypes.GetValueOrDefault(dataTypeId);

    /// <summary>The message structure, or null.</summary>
    public MessageStructureDefinition? MessageStructure(string structureId) => MessageStructures.GetValueOrDefault(structureId);

    public override string ToString() => $"HL7 v{Version}";
}
