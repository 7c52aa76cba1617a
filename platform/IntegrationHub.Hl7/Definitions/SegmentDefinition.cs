namespace IntegrationHub.Hl7.Definitions;

/// <summary>A segment as the standard defines it: its fields in order.</summary>
/// <param name="Id">The segment id, e.g. <c>PID</c>.</param>
/// <param name="Description">The segment's name in the standard, e.g. <c>Patient Identification</c>.</param>
/// <param name="Fields">The fields; <c>Fields[n - 1]</c> is field n.</param>
public sealed record SegmentDefinition(string Id, string Description, IReadOnlyList<FieldDefinition> Fields)
{
    /// <summary>Field <paramref name="number"/> (1-based), or null when the segment defines fewer fields.</summary>
    public FieldDefinition? Field(int number) => number >= 1 && number <= Fields.Count ? Fields[number - 1] : null;
}
