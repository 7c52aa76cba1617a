using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Chemo;

/// <summary>
/// The Chemocare transformer (spec §6): Chemocare's v2.4 ADT (A28/A31 registrations, A40 merges) into the MPI's
/// v2.5 profile. Only whitelisted segments and fields survive; the output is a new message in a fixed segment order.
/// </summary>
/// <remarks>
/// <para>Output order: MSH, EVN, PID, PD1, NK1, PV1, PV2, OBX, AL1, DG1, PR1, GT1, then IN1/IN2/IN3. Everything else
/// (ROL, Z-segments, …) is dropped. Every occurrence of a kept segment is kept — the existing system kept only the
/// first OBX/AL1/NK1 (⚠ DEFECT, fixed). IN1, IN2 and IN3 keep their input order among themselves so that repeated
/// insurance groups stay together (for one group that is the spec's IN1, IN2, IN3 order).</para>
/// <para>A40 merges (⚠ DEFECT, fixed): the message is read flat, MSH-9.3 becomes <c>ADT_A39</c>, and each patient
/// group — a PID up to the next PID — is written in the ADT_A39 order PID, PD1, NK1, MRG, PV1 with PID/PD1/NK1 mapped
/// as for A28/A31 and MRG kept verbatim. The remaining kept segments follow in the usual order.</para>
/// <para>Chemocare never fails on content: there are no format checks, so nothing here throws
/// <see cref="Hl7TransformException"/>.</para>
/// </remarks>
public sealed class ChemoTransformer : IHl7Transformer
{
    /// <summary>The flow's name in audit texts and errors.</summary>
    public const string FlowName = "Chemocare";

    private const string UnknownSendingApp = "UNKNOWN";

    // Segments copied verbatim after the patient's own segments, in output order.
    private static readonly string[] TrailingSegments = ["PV2", "OBX", "AL1", "DG1", "PR1", "GT1"];

    // One writer per thread: its buffer is the bulk of what a transform would otherwise allocate.
    [ThreadStatic]
    private static SegmentWriter? _perThreadWriter;

    public string Name => FlowName;

    public TransformResult Transform(Hl7Message input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var msh = input.Header;
        var output = Hl7Message.Create(input.Delimiters);
        var writer = _perThreadWriter ??= new SegmentWriter();
        MshMapper.Map(msh, output, now, writer);

        var segments = input.Segments;
        var end = segments.Count;
        Emit(input, output, writer, "EVN", 1, end);
        if (MshMapper.IsMerge(msh))
        {
            EmitMergeGroups(input, output, writer);
        }
        else
        {
            Emit(input, output, writer, "PID", 1, end);
            Emit(input, output, writer, "PD1", 1, end);
            Emit(input, output, writer, "NK1", 1, end);
            Emit(input, output, writer, "PV1", 1, end);
        }

        foreach (var id in TrailingSegments)
        {
            Emit(input, output, writer, id, 1, end);
        }

        for (var i = 1; i < end; i++)
        {
            if (segments[i].Id is "IN1" or "IN2" or "IN3")
            {
                output.AddSegment(segments[i].ToString());
            }
        }

        return new TransformResult(output, AuditText(msh));
    }

    /// <summary>The MESSAGE_PROCESSED text: <c>Chemocare transformation applied for SENDING_APP: &lt;input MSH-3.1&gt;</c>.</summary>
    public static string AuditText(Hl7Segment msh)
    {
        ArgumentNullException.ThrowIfNull(msh);
        var sendingApp = Er7.Component(msh, 3, 1);
        return $"{FlowName} transformation applied for SENDING_APP: {(sendingApp.IsEmpty ? UnknownSendingApp : sendingApp)}";
    }

    /// <summary>
    /// Each patient group runs from a PID to the next PID; anything before the first PID belongs to the first group
    /// (a message without a PID is one group).
    /// </summary>
    private static void EmitMergeGroups(Hl7Message input, Hl7Message output, SegmentWriter writer)
    {
        var segments = input.Segments;
        var start = 1;
        var seenPid = false;
        for (var i = 1; i <= segments.Count; i++)
        {
            var isPid = i < segments.Count && segments[i].Id == "PID";
            if (i == segments.Count || (isPid && seenPid))
            {
                EmitMergeGroup(input, output, writer, start, i);
                start = i;
            }

            seenPid |= isPid;
        }
    }

    private static void EmitMergeGroup(Hl7Message input, Hl7Message output, SegmentWriter writer, int start, int end)
    {
        Emit(input, output, writer, "PID", start, end);
        Emit(input, output, writer, "PD1", start, end);
        Emit(input, output, writer, "NK1", start, end);
        Emit(input, output, writer, "MRG", start, end);
        Emit(input, output, writer, "PV1", start, end);
    }

    /// <summary>Writes every segment named <paramref name="id"/> among input segments [start, end), mapped or verbatim.</summary>
    private static void Emit(Hl7Message input, Hl7Message output, SegmentWriter writer, string id, int start, int end)
    {
        var segments = input.Segments;
        for (var i = start; i < end; i++)
        {
            var segment = segments[i];
            if (segment.Id != id)
            {
                continue;
            }

            output.AddSegment(id switch
            {
                "PID" => PidMapper.Map(segment, input.Header, writer),
                "PD1" => Pd1Mapper.Map(segment, writer),
                "NK1" => Nk1Mapper.Map(segment, writer),
                _ => segment.ToString(),
            });
        }
    }
}
