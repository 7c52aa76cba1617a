namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// ER7 → HL7 v2 XML as the reference does it for a flow (spec §3.3): segments placed into the structure's groups,
/// fields in the order of the segment's XSD sequence, repetitions and components split as the field's schema type
/// says, required fields always present, and the synthesised EVN/PV1 quirk.
/// </summary>
public static class Hl7XmlConverter
{
    /// <summary>The message as HL7 v2 XML for the flow schema (no XML declaration, no whitespace, prefix <c>ns0</c>).</summary>
    public static string ToXml(Hl7Message message, FlowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(schema);
        using var output = new Hl7XmlOutput(schema: null, EstimatedLength(message));
        Write(message, schema, output);
        return output.Finish();
    }

    internal static int EstimatedLength(Hl7Message message)
    {
        var length = 0;
        foreach (var segment in message.Segments)
        {
            length += segment.Raw.Length;
        }

        return Math.Min(length * 8, 1 << 20) + 256;
    }

    internal static void Write(Hl7Message message, FlowSchema schema, Hl7XmlOutput output)
    {
        var writer = new SegmentWriter(schema, output, message.Delimiters);
        output.Start(schema.Structure);

        XsdNode? group = null;
        var evnChecked = false;
        var evnSeen = false;
        var pv1Seen = false;
        foreach (var segment in message.Segments)
        {
            var id = segment.Id;

            // QUIRK: the reference inserts an EVN carrying only EVN-2 = MSH-7 when the structure requires one and
            // the message has none by its first segment after the header.
            if (!evnChecked && id is not ("MSH" or "SFT" or "EVN"))
            {
                evnChecked = true;
                if (schema.RequiresEvn && !evnSeen)
                {
                    Place(schema, output, ref group, "EVN");
                    writer.Write("EVN", new SegmentSource(2, HeaderTime(message)));
                    evnSeen = true;
                }
            }

            // QUIRK: likewise a PV1 carrying only PV1-2 = U when a segment that belongs after PV1 arrives first.
            if (schema.RequiresPv1 && !pv1Seen && id != "PV1" && schema.Pv1Position >= 0 && schema.RootPosition(id) > schema.Pv1Position)
            {
                Place(schema, output, ref group, "PV1");
                writer.Write("PV1", new SegmentSource(2, "U"));
                pv1Seen = true;
            }

            Place(schema, output, ref group, id);
            writer.Write(id, new SegmentSource(segment));
            evnSeen |= id == "EVN";
            pv1Seen |= id == "PV1";
        }

        if (group is not null)
        {
            output.End();
        }

        output.End();
    }

    /// <summary>
    /// Opens or closes group elements before a segment: the first segment of a group opens a new instance of it;
    /// a member stays in the open group; anything else closes it and goes to the root.
    /// </summary>
    private static void Place(FlowSchema schema, Hl7XmlOutput output, ref XsdNode? group, string id)
    {
        var starts = schema.GroupStartedBy(id);
        if (starts is not null)
        {
            if (group is not null)
            {
                output.End();
            }

            output.Start(starts.Name);
            group = starts;
        }
        else if (group is not null && !schema.IsMember(group, id))
        {
            output.End();
            group = null;
        }
    }

    private static string HeaderTime(Hl7Message message)
    {
        var header = message.Segment("MSH");
        if (header is null)
        {
            return string.Empty;
        }

        var field = header.Field(7);
        var repetition = field.IndexOf(message.Delimiters.Repetition);
        return (repetition < 0 ? field : field[..repetition]).Trim().ToString();
    }
}
