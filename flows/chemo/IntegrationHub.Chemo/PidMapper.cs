namespace IntegrationHub.Chemo;

/// <summary>
/// PID (spec §6.3): a whitelist of fields and components, and PID-3 rebuilt from the NHS number in PID-2 as an
/// NHS repetition plus the sending board's local identifier. PID-2 itself and every field not listed are dropped.
/// </summary>
internal static class PidMapper
{
    public static string Map(Hl7Segment pid, Hl7Segment msh, SegmentWriter w)
    {
        var d = pid.Delimiters;
        w.Begin("PID", d);
        w.Write(1, 1, 0, 0, Er7.Repetition(pid.Field(1), d));
        WriteIdentifiers(pid, msh, w);
        WriteName(Er7.Repetition(pid.Field(5), d), d, w);
        w.Component(6, 1, Er7.SubComponent(Er7.Component(pid, 6, 1), d, 1));
        w.WholeField(7, pid.Field(7));
        w.Write(8, 1, 0, 0, Er7.Repetition(pid.Field(8), d));
        w.Component(9, 1, Er7.SubComponent(Er7.Component(pid, 9, 1), d, 1));
        w.Component(10, 1, Er7.Component(pid, 10, 1));
        WriteAddress(Er7.Repetition(pid.Field(11), d), d, w);
        WriteHomePhones(pid.Field(13), d, w);
        var business = Er7.Repetition(pid.Field(14), d);
        w.Component(14, 1, Er7.Component(business, d, 1));
        w.Component(14, 2, Er7.Component(business, d, 2));
        w.Component(17, 1, Er7.Component(pid, 17, 1));
        w.Component(22, 1, Er7.Component(pid, 22, 1));
        w.Component(29, 1, Er7.Component(pid, 29, 1));
        w.WholeField(32, pid.Field(32));
        return w.ToString();
    }

    /// <summary>
    /// PID-3 = <c>nhs^^^NHS^NH~[prefix+nhs]^^^board^PI</c>. The NHS number is PID-2.1, or the whole first
    /// repetition of PID-2 when PID-2.1 is empty (its separators escaped so it stays one component — the existing
    /// system's behaviour, kept because the MPI has only ever seen that form). The board is MSH-3.1, or the whole of
    /// MSH-3 when MSH-3.1 is empty, escaped the same way.
    /// </summary>
    private static void WriteIdentifiers(Hl7Segment pid, Hl7Segment msh, SegmentWriter w)
    {
        var d = pid.Delimiters;
        var patientId = Er7.Repetition(pid.Field(2), d);
        var nhs = Er7.Component(patientId, d, 1);
        var nhsIsWhole = nhs.IsEmpty;
        if (nhsIsWhole)
        {
            nhs = patientId;
        }

        var sendingApp = Er7.Repetition(msh.Field(3), d);
        var board = Er7.Component(sendingApp, d, 1);
        var boardIsWhole = board.IsEmpty;
        if (boardIsWhole)
        {
            board = sendingApp;
        }

        WriteText(3, 1, 1, nhs, nhsIsWhole, w);
        w.Write(3, 1, 4, 1, BoardIdentifiers.NhsAuthority);
        w.Write(3, 1, 5, 0, BoardIdentifiers.NhsIdentifierType);

        var prefix = BoardIdentifiers.Prefix(board);
        if (!nhs.IsEmpty && prefix is not null)
        {
            w.Write(3, 2, 1, 0, prefix);
            WriteText(3, 2, 1, nhs, nhsIsWhole, w);
        }

        WriteText(3, 2, 4, board, boardIsWhole, w);
        w.Write(3, 2, 5, 0, BoardIdentifiers.LocalIdentifierType);
    }

    private static void WriteText(int field, int repetition, int component, ReadOnlySpan<char> value, bool escape, SegmentWriter w)
    {
        if (value.IsEmpty)
        {
            return;
        }

        w.MoveTo(field, repetition, component, 0);
        if (escape)
        {
            w.AppendEscaped(value);
        }
        else
        {
            w.Append(value);
        }
    }

    /// <summary>PID-5 (first repetition): XPN.1.1, XPN.2–8, XPN.9.1, XPN.10 whole, XPN.11.</summary>
    private static void WriteName(ReadOnlySpan<char> name, Hl7Delimiters d, SegmentWriter w)
    {
        w.Component(5, 1, Er7.SubComponent(Er7.Component(name, d, 1), d, 1));
        for (var component = 2; component <= 8; component++)
        {
            w.Component(5, component, Er7.Component(name, d, component));
        }

        w.Component(5, 9, Er7.SubComponent(Er7.Component(name, d, 9), d, 1));
        w.Component(5, 10, Er7.Component(name, d, 10));
        w.Component(5, 11, Er7.Component(name, d, 11));
    }

    /// <summary>PID-11 (first repetition): XAD.1.1, XAD.2–5, XAD.7, XAD.8 (country XAD.6 and XAD.9+ dropped).</summary>
    private static void WriteAddress(ReadOnlySpan<char> address, Hl7Delimiters d, SegmentWriter w)
    {
        w.Component(11, 1, Er7.SubComponent(Er7.Component(address, d, 1), d, 1));
        for (var component = 2; component <= 5; component++)
        {
            w.Component(11, component, Er7.Component(address, d, component));
        }

        w.Component(11, 7, Er7.Component(address, d, 7));
        w.Component(11, 8, Er7.Component(address, d, 8));
    }

    /// <summary>PID-13: every repetition kept (empty ones too), each reduced to XTN.1, XTN.2 and XTN.4.</summary>
    private static void WriteHomePhones(ReadOnlySpan<char> field, Hl7Delimiters d, SegmentWriter w)
    {
        var number = 0;
        foreach (var range in field.Split(d.Repetition))
        {
            number++;
            var phone = field[range];
            w.Write(13, number, 1, 0, Er7.Component(phone, d, 1));
            w.Write(13, number, 2, 0, Er7.Component(phone, d, 2));
            w.Write(13, number, 4, 0, Er7.Component(phone, d, 4));
        }

        if (number > 1)
        {
            // Trailing empty repetitions are data (the sender listed them); keep the separators.
            w.MoveTo(13, number, 1, 0);
        }
    }
}
