namespace IntegrationHub.Chemo;

/// <summary>Reads pieces of a field's raw text without copying (spec §16: anything missing reads as empty).</summary>
internal static class Er7
{
    /// <summary>Repetition <paramref name="number"/> (1-based) of a field.</summary>
    public static ReadOnlySpan<char> Repetition(ReadOnlySpan<char> field, Hl7Delimiters d, int number = 1) =>
        Er7Pieces.Piece(field, d.Repetition, number);

    /// <summary>Component <paramref name="number"/> of a repetition.</summary>
    public static ReadOnlySpan<char> Component(ReadOnlySpan<char> repetition, Hl7Delimiters d, int number) =>
        Er7Pieces.Piece(repetition, d.Component, number);

    /// <summary>Sub-component <paramref name="number"/> of a component.</summary>
    public static ReadOnlySpan<char> SubComponent(ReadOnlySpan<char> component, Hl7Delimiters d, int number) =>
        Er7Pieces.Piece(component, d.SubComponent, number);

    /// <summary>Component <paramref name="number"/> of the first repetition of field <paramref name="field"/>.</summary>
    public static ReadOnlySpan<char> Component(Hl7Segment segment, int field, int number) =>
        Component(Repetition(segment.Field(field), segment.Delimiters), segment.Delimiters, number);
}
