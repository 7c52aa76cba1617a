using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw;

/// <summary>
/// The PHW → MPI transformation (spec §5): the message keeps its segments and their order; MSH-7 is put into the
/// MPI's date/time format and PID-29's <c>RESURREC</c> marker becomes the HL7 null. Segments are read flat, in
/// input order, whatever structure MSH-9 names — so A40 merges (PID/PD1/MRG/PV1 inside ADT_A39's PATIENT groups)
/// and A05 messages with PR1/IN1 groups go through instead of failing as they do in the existing system, and a
/// repeating field is copied once, not once per repetition (both ⚠ DEFECTs of §5.4).
/// </summary>
/// <remarks>
/// The output is a new message in the standard delimiters; callers serialise it with
/// <see cref="Hl7Message.EncodeNormalized"/>. The only refused input is an MSH-7 in an unsupported format
/// (<see cref="Hl7TransformException"/>, naming the field and never its value).
/// </remarks>
public sealed class PhwTransformer : IHl7Transformer
{
    /// <summary>The flow's name in audit texts and failure events.</summary>
    public const string FlowName = "PHW";

    public string Name => FlowName;

    public TransformResult Transform(Hl7Message input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.Delimiters;
        var audit = new PhwAudit();
        var output = Hl7Message.Create(Er7Text.Output);
        PhwHeaderMapper.Map(input.Header, from, output, now, audit);

        var segments = input.Segments;
        for (var i = 1; i < segments.Count; i++)
        {
            var segment = segments[i];

            // EVN and every other segment are copied as they are; only PID has rules.
            var text = segment.Id == "PID"
                ? PhwPatientMapper.Map(segment, from, audit)
                : Er7Text.Segment(segment, from);
            output.AddSegment(Er7Text.EnsureSingleLine(text, i));
        }

        var sendingApp = Er7Pieces.Piece(Er7Pieces.Piece(input.Header.Field(3), from.Repetition, 1), from.Component, 1);
        return new TransformResult(output, audit.Text(sendingApp)) { RedactedAuditText = audit.RedactedText(sendingApp) };
    }
}
