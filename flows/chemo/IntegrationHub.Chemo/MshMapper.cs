using System.Globalization;

namespace IntegrationHub.Chemo;

/// <summary>
/// MSH (spec §6.1): the first component of MSH-3…6, MSH-7.1 (or the transformer's clock), MSH-8, MSH-9.1/9.2 with a
/// fixed structure, MSH-10/11 whole, MSH-12 forced to 2.5 and MSH-13…21 verbatim.
/// </summary>
internal static class MshMapper
{
    /// <summary>The MPI's HL7 version, whatever the source sent.</summary>
    public const string OutputVersion = "2.5";

    /// <summary>The structure of A28/A31 output.</summary>
    public const string RegistrationStructure = "ADT_A05";

    /// <summary>The structure of A40 (merge) output: the fixed defect keeps merges as merges.</summary>
    public const string MergeStructure = "ADT_A39";

    private const string MergeTrigger = "A40";

    /// <summary>True when MSH-9.2 names the merge event (exact, as the server's routing table matches it).</summary>
    public static bool IsMerge(Hl7Segment msh) => Er7.Component(msh, 9, 2).SequenceEqual(MergeTrigger);

    public static void Map(Hl7Segment source, Hl7Message output, DateTime now, SegmentWriter writer)
    {
        var d = source.Delimiters;
        for (var field = 3; field <= 6; field++)
        {
            Set(output, field, Er7.Component(source, field, 1));
        }

        var timestamp = Er7.Component(source, 7, 1);
        Set(output, 7, timestamp.IsEmpty ? now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) : timestamp);
        Set(output, 8, Er7.Repetition(source.Field(8), d));

        writer.BeginField(d);
        writer.Write(1, 1, 1, 0, Er7.Component(source, 9, 1));
        writer.Write(1, 1, 2, 0, Er7.Component(source, 9, 2));
        writer.Write(1, 1, 3, 0, IsMerge(source) ? MergeStructure : RegistrationStructure);
        Set(output, 9, writer.ToString());

        Set(output, 10, source.Field(10));
        Set(output, 11, source.Field(11));
        Set(output, 12, OutputVersion);
        for (var field = 13; field <= 21 && source.HasField(field); field++)
        {
            // Verbatim, every repetition; an empty field stays empty.
            Set(output, field, source.Field(field));
        }
    }

    private static void Set(Hl7Message output, int field, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            output.Set(new Hl7Path("MSH", 1, field, 0, 0, 0), value.ToString());
        }
    }
}
