namespace IntegrationHub.Hl7.Rules;

/// <summary>
/// A flow's transformation of a source system's dialect into the MPI's HL7 v2.5 profile (spec §4–§7). Pure: the
/// same input gives the same output apart from generated timestamps, which come from <paramref name="now"/>.
/// </summary>
public interface IHl7Transformer
{
    /// <summary>The flow's name in audit texts and errors, e.g. <c>PHW</c>, <c>Chemocare</c>, <c>PIMS</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Builds the output message. Throws <see cref="Hl7TransformException"/> for input the rules refuse (the
    /// reference's ValueError cases, e.g. an invalid MSH-7); any other exception is an unexpected failure.
    /// </summary>
    TransformResult Transform(Hl7Message input, DateTime now);
}

/// <summary>The transformed message and the audit text of its MESSAGE_PROCESSED event.</summary>
/// <param name="Output">The new message; serialise it with <see cref="Hl7Message.EncodeNormalized"/> (spec §4.3).</param>
/// <param name="AuditText">The event's validation_result, e.g. <c>PIMS transformation applied for SENDING_APP: PIMS</c>.</param>
public sealed record TransformResult(Hl7Message Output, string AuditText)
{
    /// <summary>
    /// The audit text with patient data masked, used instead of <see cref="AuditText"/> when event redaction is on
    /// (spec §11.3 masks only the message content, but an audit text may quote a patient's values); null when the
    /// audit text holds no patient data.
    /// </summary>
    public string? RedactedAuditText { get; init; }
}

/// <summary>The rules refuse this input. The message must name the problem without quoting patient data.</summary>
public sealed class Hl7TransformException : Exception
{
    public Hl7TransformException()
    {
    }

    public Hl7TransformException(string message)
        : base(message)
    {
    }

    public Hl7TransformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
