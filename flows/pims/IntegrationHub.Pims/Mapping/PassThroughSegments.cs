namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// The segments copied verbatim after MRG (spec §7.8), every occurrence of each (the existing system kept only the
/// first — a defect, fixed). They come in the fixed order PV2, OBX, AL1, DG1, PR1, GT1, then the insurance
/// segments. IN1/IN2/IN3 keep their input order among themselves: each IN1 leads its own IN2/IN3, and sorting them
/// by type would pair an IN2 with the wrong policy once there is more than one.
/// </summary>
internal static class PassThroughSegments
{
    private static readonly string[] ByType = ["PV2", "OBX", "AL1", "DG1", "PR1", "GT1"];

    public static void Copy(Hl7Message input, Hl7Message output)
    {
        var segments = input.Segments;
        foreach (var id in ByType)
        {
            for (var i = 1; i < segments.Count; i++)
            {
                if (segments[i].Id == id)
                {
                    output.AddSegment(segments[i].ToString());
                }
            }
        }

        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Id is "IN1" or "IN2" or "IN3")
            {
                output.AddSegment(segments[i].ToString());
            }
        }
    }
}
