using IntegrationHub.Hl7.Rules;
using IntegrationHub.Pims.Mapping;

namespace IntegrationHub.Pims;

/// <summary>
/// Rewrites a PIMS v2.3.1 ADT A04/A08/A40 into the MPI's v2.5 dialect (spec §7). The output is a new message:
/// MSH, EVN, PID, PD1, PV1, MRG, then PV2, OBX, AL1, DG1, PR1, GT1, IN1, IN2, IN3 as present; NK1, ROL,
/// Z-segments and the rest are dropped. Segments are looked up in the flat segment list, so the grouped A39/A40
/// layout makes no difference. Stateless and thread-safe.
/// </summary>
public sealed class PimsTransformer : IHl7Transformer
{
    /// <summary>The flow's name in audit texts and errors.</summary>
    public const string FlowName = "PIMS";

    public string Name => FlowName;

    /// <summary>
    /// Throws <see cref="Hl7TransformException"/> when a date the rules convert (MSH-7, EVN-2, EVN-6, PID-7,
    /// PID-29) is not a date after its timezone is removed; the message names the field, never its value.
    /// </summary>
    public TransformResult Transform(Hl7Message input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var msh = input.Header;
        var output = Hl7Message.Create(input.Delimiters);
        MshMapper.Map(msh, output, now);

        // The first occurrence of each mapped segment, found in one pass.
        Hl7Segment? evn = null, pid = null, pd1 = null, mrg = null;
        var segments = input.Segments;
        for (var i = 1; i < segments.Count; i++)
        {
            var segment = segments[i];
            switch (segment.Id)
            {
                case "EVN":
                    evn ??= segment;
                    break;
                case "PID":
                    pid ??= segment;
                    break;
                case "PD1":
                    pd1 ??= segment;
                    break;
                case "MRG":
                    mrg ??= segment;
                    break;
            }
        }

        if (evn is not null)
        {
            output.AddSegment(EvnMapper.Map(evn));
        }

        if (pid is not null)
        {
            output.AddSegment(PidMapper.Map(pid));
        }

        var trigger = PimsTrigger.Of(msh);
        if (PimsTrigger.IsRegistrationOrUpdate(trigger))
        {
            if (pd1 is not null)
            {
                output.AddSegment(Pd1Mapper.Map(pd1));
            }

            // The MPI needs a patient class on registrations and updates; PIMS's own PV1 is not used, and an
            // A04/A08 without one still gets it.
            output.AddSegment(input.Delimiters.Field == '|' ? "PV1||N" : $"PV1{input.Delimiters.Field}{input.Delimiters.Field}N");
        }

        if (mrg is not null && PimsTrigger.IsMerge(trigger))
        {
            output.AddSegment(MrgMapper.Map(mrg));
        }

        PassThroughSegments.Copy(input, output);
        return new TransformResult(output, AuditText(msh));
    }

    /// <summary>
    /// The MESSAGE_PROCESSED text: <c>PIMS transformation applied for SENDING_APP: &lt;input MSH-3.1&gt;</c>,
    /// <c>UNKNOWN</c> when the input names no sending application.
    /// </summary>
    public static string AuditText(Hl7Segment inputHeader)
    {
        ArgumentNullException.ThrowIfNull(inputHeader);
        var sendingApp = Er7.First(inputHeader, 3, 1).Trim();
        if (sendingApp.SequenceEqual(FlowName))
        {
            return "PIMS transformation applied for SENDING_APP: PIMS";
        }

        return string.Concat("PIMS transformation applied for SENDING_APP: ", sendingApp.IsEmpty ? "UNKNOWN" : sendingApp);
    }
}
