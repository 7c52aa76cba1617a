namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// PID (spec §7.4): the MPI's identifiers rebuilt from PIMS's NHS number and hospital number, name, birth date,
/// sex, first address, phone numbers and date of death; every other field dropped.
/// </summary>
internal static class PidMapper
{
    public static string Map(Hl7Segment input)
    {
        var d = input.Delimiters;
        var writer = new Er7SegmentWriter("PID", d);
        try
        {
            writer.Field(3);
            WriteIdentifiers(ref writer, input.Field(3), d);

            // PID-5: family name's surname, then given, middle, suffix, prefix (XPN.6 onwards dropped).
            var name = Er7.Repetition(input.Field(5), d, 1);
            writer.Field(5);
            writer.Append(Er7.SubComponent(Er7.Component(name, d, 1), d, 1));
            for (var c = 2; c <= 5; c++)
            {
                writer.Component(c, Er7.Component(name, d, c));
            }

            writer.Field(7);
            writer.Append(PimsTimezone.Remove(Er7.First(input, 7, 1), "PID-7"));
            writer.Field(8);
            writer.Append(input.Field(8));
            writer.Field(11);
            WriteAddress(ref writer, Er7.Repetition(input.Field(11), d, 1), d);
            writer.Field(13);
            WritePhoneNumbers(ref writer, input, d);
            writer.Field(14);
            writer.Append(Er7.First(input, 14, 1));
            writer.Field(29);
            WriteDateOfDeath(ref writer, Er7.First(input, 29, 1));
            return writer.Finish();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// PID-3: PIMS puts the NHS number (type NI) first and its hospital number (type PI) second. Only those two
    /// positions are looked at; each qualifying one becomes an output repetition, in that order, so a missing NHS
    /// number leaves the hospital number as PID-3(1).
    /// </summary>
    internal static void WriteIdentifiers(ref Er7SegmentWriter writer, ReadOnlySpan<char> field, Hl7Delimiters d)
    {
        var written = false;
        if (Er7Pieces.TryPiece(field, d.Repetition, 1, out var first) && TryIdentifier(first, d, "NI", out var nhs))
        {
            WriteIdentifier(ref writer, nhs, "NHS", "NH");
            written = true;
        }

        if (Er7Pieces.TryPiece(field, d.Repetition, 2, out var second) && TryIdentifier(second, d, "PI", out var hospital))
        {
            if (written)
            {
                writer.NextRepetition();
            }

            WriteIdentifier(ref writer, hospital, "103", "PI");
        }
    }

    /// <summary>
    /// PID-11 (first repetition): street, other designation, city, state, postcode. XAD.1 is plain text in v2.3.1
    /// but a composite in v2.5, so its whole text goes into XAD.1.1 with any sub-component separator escaped
    /// (spec §4.3 QUIRK). An absent or empty PID-11 or XAD.1 is not an error (the existing system's crash, fixed).
    /// </summary>
    internal static void WriteAddress(ref Er7SegmentWriter writer, ReadOnlySpan<char> address, Hl7Delimiters d)
    {
        writer.AppendEscapingSubComponents(Er7.Component(address, d, 1));
        for (var c = 2; c <= 5; c++)
        {
            writer.Component(c, Er7.Component(address, d, c));
        }
    }

    /// <summary>PID-13: one output repetition per input repetition, holding only the number (XTN.1).</summary>
    internal static void WritePhoneNumbers(ref Er7SegmentWriter writer, Hl7Segment input, Hl7Delimiters d)
    {
        if (!input.HasField(13))
        {
            return;
        }

        var first = true;
        foreach (var range in input.Field(13).Split(d.Repetition))
        {
            if (!first)
            {
                writer.NextRepetition();
            }

            first = false;
            writer.Append(Er7.Component(input.Field(13)[range], d, 1));
        }
    }

    /// <summary>
    /// PID-29.1: a value longer than 6 characters is a date of death whose timezone is removed (and must then be
    /// a date); anything shorter (empty, a bare precision such as <c>^D</c>, a year) is sent as the HL7 null
    /// <c>""</c>, so the MPI clears a date of death PIMS no longer holds. PID-29 is therefore always present.
    /// </summary>
    internal static void WriteDateOfDeath(ref Er7SegmentWriter writer, ReadOnlySpan<char> value)
    {
        var date = value.Length > 6 ? PimsTimezone.Remove(value, "PID-29") : ReadOnlySpan<char>.Empty;

        // A long but blank value leaves nothing after the timezone removal; it is no date either.
        writer.Append(date.IsEmpty ? "\"\"" : date);
    }

    private static bool TryIdentifier(ReadOnlySpan<char> repetition, Hl7Delimiters d, string type, out ReadOnlySpan<char> id)
    {
        id = Er7.Component(repetition, d, 1).Trim();
        return !id.IsEmpty && Er7.Component(repetition, d, 5).Trim().Equals(type, StringComparison.OrdinalIgnoreCase);
    }

    private static void WriteIdentifier(ref Er7SegmentWriter writer, ReadOnlySpan<char> id, string authority, string type)
    {
        writer.Append(id);
        writer.Component(4, authority);
        writer.Component(5, type);
    }
}
