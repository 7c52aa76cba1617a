namespace IntegrationHub.Pims.Mapping;

/// <summary>Reads pieces of a field's raw text without copying (spec §16 "get value by path": absent → empty).</summary>
internal static class Er7
{
    /// <summary>Repetition <paramref name="number"/> (1-based) of a field's text.</summary>
    public static ReadOnlySpan<char> Repetition(ReadOnlySpan<char> field, Hl7Delimiters d, int number) =>
        Er7Pieces.Piece(field, d.Repetition, number);

    /// <summary>Component <paramref name="number"/> (1-based) of a repetition's text, sub-components included.</summary>
    public static ReadOnlySpan<char> Component(ReadOnlySpan<char> repetition, Hl7Delimiters d, int number) =>
        Er7Pieces.Piece(repetition, d.Component, number);

    /// <summary>Sub-component <paramref name="number"/> (1-based) of a component's text.</summary>
    public static ReadOnlySpan<char> SubComponent(ReadOnlySpan<char> component, Hl7Delimiters d, int number) =>
        Er7Pieces.Piece(component, d.SubComponent, number);

    /// <summary>Component <paramref name="component"/> of the first repetition of field <paramref name="field"/>.</summary>
    public static ReadOnlySpan<char> First(Hl7Segment segment, int field, int component) =>
        Component(Repetition(segment.Field(field), segment.Delimiters, 1), segment.Delimiters, component);
}
