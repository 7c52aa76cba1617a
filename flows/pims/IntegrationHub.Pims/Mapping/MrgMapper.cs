namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// MRG (spec §7.7), for A40 only: the retired PIMS hospital number becomes a PI identifier of authority 103, the
/// same form as the surviving number in PID-3; other MRG fields and repetitions are dropped.
/// </summary>
internal static class MrgMapper
{
    public static string Map(Hl7Segment input)
    {
        var writer = new Er7SegmentWriter("MRG", input.Delimiters);
        try
        {
            writer.Field(1);
            writer.Append(Er7.First(input, 1, 1));
            writer.Component(4, "103");
            writer.Component(5, "PI");
            return writer.Finish();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
