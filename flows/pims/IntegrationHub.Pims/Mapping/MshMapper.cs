using System.Globalization;

namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// MSH (spec §7.2): the MPI knows PIMS as application/facility <c>103</c> and itself as <c>200</c>, receives v2.5
/// with country <c>GBR</c> and language <c>EN</c>, and sees A04/A08 as A28/A31. Only MSH-7, 8, 10, 11 and 13 come
/// from the input; MSH-14 to MSH-21 are dropped.
/// </summary>
internal static class MshMapper
{
    private static readonly Hl7Path Msh3 = Header(3);
    private static readonly Hl7Path Msh4 = Header(4);
    private static readonly Hl7Path Msh5 = Header(5);
    private static readonly Hl7Path Msh6 = Header(6);
    private static readonly Hl7Path Msh7 = Header(7);
    private static readonly Hl7Path Msh8 = Header(8);
    private static readonly Hl7Path Msh9 = Header(9);
    private static readonly Hl7Path Msh10 = Header(10);
    private static readonly Hl7Path Msh11 = Header(11);
    private static readonly Hl7Path Msh12 = Header(12);
    private static readonly Hl7Path Msh13 = Header(13);
    private static readonly Hl7Path Msh17 = Header(17);
    private static readonly Hl7Path Msh19 = Header(19);

    /// <summary>Fills the header of <paramref name="output"/> (a new message with the input's delimiters).</summary>
    public static void Map(Hl7Segment input, Hl7Message output, DateTime now)
    {
        output.Set(Msh3, "103");
        output.Set(Msh4, "103");
        output.Set(Msh5, "200");
        output.Set(Msh6, "200");

        // Without an input MSH-7 the output keeps the moment of the transform, as a new message does (§4.3).
        var sent = PimsTimezone.Remove(Er7.First(input, 7, 1), "MSH-7");
        output.Set(Msh7, sent.IsEmpty ? now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) : sent.ToString());
        CopyField(input, output, 8, Msh8);
        output.Set(Msh9, MessageType(PimsTrigger.Of(input), input.Delimiters));
        CopyField(input, output, 10, Msh10);
        CopyField(input, output, 11, Msh11);
        output.Set(Msh12, "2.5");
        CopyField(input, output, 13, Msh13);
        output.Set(Msh17, "GBR");
        output.Set(Msh19, "EN");
    }

    /// <summary>The output MSH-9 text, e.g. <c>ADT^A31^ADT_A05</c>.</summary>
    internal static string MessageType(ReadOnlySpan<char> inputTrigger, Hl7Delimiters d)
    {
        var (trigger, structure) = PimsTrigger.Output(inputTrigger);
        if (d.Component == '^')
        {
            // The usual delimiters: constant strings, nothing to build.
            return trigger switch
            {
                "A28" => "ADT^A28^ADT_A05",
                "A31" => "ADT^A31^ADT_A05",
                _ => "ADT^A40^ADT_A39",
            };
        }

        var separator = new string(d.Component, 1);
        return string.Concat("ADT", separator, trigger, separator, structure);
    }

    private static void CopyField(Hl7Segment input, Hl7Message output, int field, Hl7Path path)
    {
        var value = input.Field(field);
        if (!value.IsEmpty)
        {
            output.Set(path, value.ToString());
        }
    }

    private static Hl7Path Header(int field) => new("MSH", 1, field, 0, 0, 0);
}
