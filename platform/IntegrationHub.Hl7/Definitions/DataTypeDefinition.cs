namespace IntegrationHub.Hl7.Definitions;

/// <summary>A data type: primitive (no components) or composite.</summary>
/// <param name="Id">The data type id, e.g. <c>CX</c>.</param>
/// <param name="Description">The type's name in the standard.</param>
/// <param name="Components">The components; <c>Components[n - 1]</c> is component n; empty for primitive types.</param>
public sealed record DataTypeDefinition(string Id, string Description, IReadOnlyList<ComponentDefinition> Components)
{
    /// <summary>True when the type has components.</summary>
    public bool IsComposite => Components.Count > 0;

    /// <summary>Component <paramref name="number"/> (1-based), or null.</summary>
    public ComponentDefinition? Component(int number) =>
        number >= 1 && number <= Components.Count ? Components[number - 1] : null;
}

/// <summary>One component of a composite data type.</summary>
/// <param name="Number">The component number (1-based).</param>
/// <param name="DataType">The component's data type id.</param>
/// <param name="Optionality">Optional, required or conditional.</param>
/// <param name="MaxLength">The maximum length; null when the tables give none.</param>
/// <param name="Table">The HL7 table number of coded values, or null.</param>
public sealed record ComponentDefinition(int Number, string DataType, Hl7Optionality Optionality, int? MaxLength, int? Table);
