namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// EVN (spec §7.3), only when the input has one: EVN-1 copied, EVN-2.1 (recorded) and EVN-6.1 (occurred) without
/// their timezone; everything else dropped.
/// </summary>
internal static class EvnMapper
{
    public static string Map(Hl7Segment input)
    {
        var writer = new Er7SegmentWriter("EVN", input.Delimiters);
        try
        {
            writer.Field(1);
            writer.Append(input.Field(1));
            writer.Field(2);
            writer.Append(PimsTimezone.Remove(Er7.First(input, 2, 1), "EVN-2"));
            writer.Field(6);
            writer.Append(PimsTimezone.Remove(Er7.First(input, 6, 1), "EVN-6"));
            return writer.Finish();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
