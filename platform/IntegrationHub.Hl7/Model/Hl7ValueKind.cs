namespace IntegrationHub.Hl7;

/// <summary>What a path holds. HL7 distinguishes a value that is absent or empty (the receiver keeps what it has)
/// from the explicit null <c>""</c> (the receiver deletes what it has).</summary>
public enum Hl7ValueKind
{
    /// <summary>The segment, field or component does not exist in the message.</summary>
    Absent,

    /// <summary>It exists but holds nothing.</summary>
    Empty,

    /// <summary>It holds the HL7 null value <c>""</c>.</summary>
    Null,

    /// <summary>It holds a value.</summary>
    Value,
}

/// <summary>The HL7 null value.</summary>
public static class Hl7Null
{
    /// <summary>The two double quotes that mean "delete the value" in HL7 v2.</summary>
    public const string Value = "\"\"";

    public static bool IsNull(ReadOnlySpan<char> raw) => raw is "\"\"";
}
