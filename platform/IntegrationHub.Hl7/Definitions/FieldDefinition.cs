namespace IntegrationHub.Hl7.Definitions;

/// <summary>How a standard table marks a field or component: optional, required or conditional.</summary>
public enum Hl7Optionality
{
    /// <summary>May be empty (the standard's O, and also B/W, which the dictionary folds into optional).</summary>
    Optional,

    /// <summary>Must be valued (R).</summary>
    Required,

    /// <summary>Required under a condition the tables do not express (C); treated as optional by validation.</summary>
    Conditional,
}

/// <summary>One field of a segment as the standard defines it.</summary>
/// <param name="Number">The field number (MSH-1 is the field separator, as HL7 numbers it).</param>
/// <param name="DataType">The data type id, e.g. <c>CX</c>.</param>
/// <param name="Optionality">Optional, required or conditional.</param>
/// <param name="MaxRepetitions">At most this many repetitions; null when unbounded; 1 for a non-repeating field.</param>
/// <param name="MaxLength">The maximum length of one repetition; null when the tables give none.</param>
/// <param name="Table">The HL7 table number of coded values, or null.</param>
public sealed record FieldDefinition(int Number, string DataType, Hl7Optionality Optionality, int? MaxRepetitions, int? MaxLength, int? Table)
{
    /// <summary>True when the field must be valued.</summary>
    public bool Required => Optionality == Hl7Optionality.Required;

    /// <summary>True when the field may repeat.</summary>
    public bool IsRepeating => MaxRepetitions != 1;
}
