namespace IntegrationHub.Hl7;

/// <summary>MSA-1 acknowledgment codes (HL7 table 0008).</summary>
public enum Hl7AckCode
{
    /// <summary>Original mode: application accept.</summary>
    AA,

    /// <summary>Original mode: application error.</summary>
    AE,

    /// <summary>Original mode: application reject.</summary>
    AR,

    /// <summary>Enhanced mode: commit accept.</summary>
    CA,

    /// <summary>Enhanced mode: commit error.</summary>
    CE,

    /// <summary>Enhanced mode: commit reject.</summary>
    CR,
}

/// <summary>What went wrong, for the ERR segment of a negative acknowledgment. Never put patient data here.</summary>
/// <param name="Code">HL7 table 0357 error code, e.g. 100 segment sequence error, 101 required field missing,
/// 102 data type error, 200 unsupported message type, 203 unsupported version id, 207 application internal error.</param>
/// <param name="Text">A short description that travels back to the sending system.</param>
/// <param name="Location">Optional ERR-2 error location, e.g. <c>PID^1^7</c>.</param>
public sealed record Hl7AckError(int Code, string Text, string Location = "");
