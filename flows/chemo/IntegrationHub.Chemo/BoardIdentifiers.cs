namespace IntegrationHub.Chemo;

/// <summary>
/// The health-board logic of PID-3 (spec §6.3): the sending board's code (MSH-3) decides the prefix of the local
/// patient identifier built from the NHS number. Chemocare instances: 224 Velindre, 212 Betsi Cadwaladr,
/// 192 Swansea Bay (south-west), 245 south-east Wales.
/// </summary>
public static class BoardIdentifiers
{
    /// <summary>The assigning authority of the NHS-number repetition.</summary>
    public const string NhsAuthority = "NHS";

    /// <summary>The identifier type code of the NHS-number repetition.</summary>
    public const string NhsIdentifierType = "NH";

    /// <summary>The identifier type code of the board's local-identifier repetition.</summary>
    public const string LocalIdentifierType = "PI";

    /// <summary>
    /// The prefix a board puts before the NHS number to form its local identifier, or null for a code that is
    /// not a known board (the local identifier is then left empty). The match is exact: no trimming, no case folding.
    /// </summary>
    public static string? Prefix(ReadOnlySpan<char> boardCode) => boardCode switch
    {
        "224" => "VCC",
        "212" => "BCUCC",
        "192" => "SWWCC",
        "245" => "SEWCC",
        _ => null,
    };
}
