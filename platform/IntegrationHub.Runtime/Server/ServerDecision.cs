namespace IntegrationHub.Runtime.Server;

/// <summary>How a received message ended (for logs, metrics and tests; never carries message content).</summary>
public enum ServerOutcome
{
    Accepted,
    NotHl7,
    UnsupportedType,
    ParseError,
    RuleFailed,
    StructureInvalid,
    StructureNotConfigured,
    StandardInvalid,
    PublishFailed,
}

/// <summary>What the server answers: the framed ACK or NACK, or nothing (close without writing a byte).</summary>
public sealed record ServerDecision(ServerOutcome Outcome, byte[]? Response, string? Reason)
{
    public bool IsAccepted => Outcome == ServerOutcome.Accepted;
}
