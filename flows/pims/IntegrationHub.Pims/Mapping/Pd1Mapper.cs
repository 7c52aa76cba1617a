namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// PD1 (spec §7.5), for A04/A08 only: PIMS lists the registered GP then the GP practice in PD1-4; the MPI wants
/// the GP in PD1-4.1 and the practice code in PD1-3.3 (XON.3, the organisation identifier).
/// </summary>
internal static class Pd1Mapper
{
    public static string Map(Hl7Segment input)
    {
        var d = input.Delimiters;
        var doctors = input.Field(4);
        var writer = new Er7SegmentWriter("PD1", d);
        try
        {
            if (Er7Pieces.TryPiece(doctors, d.Repetition, 2, out var practice))
            {
                writer.Field(3);
                writer.Component(3, Er7.Component(practice, d, 1));
            }

            writer.Field(4);
            writer.Append(Er7.Component(Er7.Repetition(doctors, d, 1), d, 1));
            return writer.Finish();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
