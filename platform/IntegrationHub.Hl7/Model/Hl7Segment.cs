using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// One segment. Until it is changed a segment is only a slice of the original text plus, once a field is
/// first asked for, the offsets of its field separators; nothing is copied. The first change turns it into a
/// list of field strings ("parts"), so later changes touch one field only.
/// </summary>
/// <remarks>
/// Parts are the pieces between field separators: part 0 is the segment id. For ordinary segments part n is
/// field n. For MSH the field separator itself is MSH-1, so part 1 is MSH-2 and part n is MSH-(n+1).
/// </remarks>
public sealed class Hl7Segment
{
    private readonly Hl7Delimiters _delimiters;
    private ReadOnlyMemory<char> _raw;
    private int[]? _separatorOffsets;
    private List<string>? _parts;

    internal Hl7Segment(ReadOnlyMemory<char> raw, Hl7Delimiters delimiters)
    {
        _raw = raw;
        _delimiters = delimiters;
        Id = raw.Length >= 3 ? IdCache.Get(raw.Span[..3]) : raw.ToString();
    }

    /// <summary>The segment id, e.g. <c>PID</c>.</summary>
    public string Id { get; }

    /// <summary>The delimiters of the message this segment belongs to.</summary>
    public Hl7Delimiters Delimiters => _delimiters;

    /// <summary>True for the header segment, whose field numbering is shifted by one (MSH-1 is the separator).</summary>
    public bool IsHeader => Id is "MSH" or "BHS" or "FHS";

    /// <summary>True once the segment has been changed and no longer mirrors the original text.</summary>
    public bool IsChanged => _parts is not null;

    /// <summary>The highest field number present (MSH counts MSH-1).</summary>
    public int FieldCount => IsHeader ? PartCount : PartCount - 1;

    /// <summary>The segment's ER7 text, without its terminator.</summary>
    public ReadOnlySpan<char> Raw => _parts is null ? _raw.Span : Join().AsSpan();

    public override string ToString() => _parts is null ? _raw.ToString() : Join();

    /// <summary>
    /// The raw text of field <paramref name="number"/> (all repetitions, escapes intact); empty if absent.
    /// MSH-1 is the field separator and MSH-2 the encoding characters, as HL7 numbers them.
    /// </summary>
    public ReadOnlySpan<char> Field(int number)
    {
        if (IsHeader && number == 1)
        {
            return _raw.Span.Length > 3 ? _raw.Span.Slice(3, 1) : ReadOnlySpan<char>.Empty;
        }

        return Part(PartIndex(number));
    }

    /// <summary>True when field <paramref name="number"/> exists in the segment (it may still be empty).</summary>
    public bool HasField(int number) => number >= 1 && number <= FieldCount;

    /// <summary>The raw text of field <paramref name="number"/> as a new string.</summary>
    public string GetField(int number) => Field(number).ToString();

    internal int PartIndex(int fieldNumber) => IsHeader ? fieldNumber - 1 : fieldNumber;

    internal int PartCount
    {
        get
        {
            if (_parts is not null)
            {
                return _parts.Count;
            }

            return Offsets().Length + 1;
        }
    }

    internal ReadOnlySpan<char> Part(int index)
    {
        if (index < 0)
        {
            return ReadOnlySpan<char>.Empty;
        }

        if (_parts is not null)
        {
            return index < _parts.Count ? _parts[index].AsSpan() : ReadOnlySpan<char>.Empty;
        }

        var offsets = Offsets();
        if (index > offsets.Length)
        {
            return ReadOnlySpan<char>.Empty;
        }

        var span = _raw.Span;
        var start = index == 0 ? 0 : offsets[index - 1] + 1;
        var end = index == offsets.Length ? span.Length : offsets[index];
        return span[start..end];
    }

    /// <summary>Replaces the raw text of one part, adding empty parts in between when the segment is shorter.</summary>
    internal void SetPart(int index, string raw)
    {
        var parts = Materialize();
        while (parts.Count <= index)
        {
            parts.Add(string.Empty);
        }

        parts[index] = raw;
    }

    /// <summary>Drops trailing empty parts (never the segment id).</summary>
    internal void TrimTrailingEmptyParts()
    {
        var parts = Materialize();
        var minimum = IsHeader ? 2 : 1;
        while (parts.Count > minimum && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }
    }

    internal void WriteTo(StringBuilder builder)
    {
        if (_parts is null)
        {
            builder.Append(_raw.Span);
            return;
        }

        AppendParts(builder);
    }

    internal int EstimatedLength => _parts is null ? _raw.Length : Join().Length;

    private List<string> Materialize()
    {
        if (_parts is not null)
        {
            return _parts;
        }

        var count = PartCount;
        var parts = new List<string>(count + 4);
        for (var i = 0; i < count; i++)
        {
            parts.Add(Part(i).ToString());
        }

        _parts = parts;
        _separatorOffsets = null;
        _raw = ReadOnlyMemory<char>.Empty;
        return parts;
    }

    private string Join()
    {
        var builder = new StringBuilder();
        AppendParts(builder);
        return builder.ToString();
    }

    private void AppendParts(StringBuilder builder)
    {
        var parts = _parts!;
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(_delimiters.Field);
            }

            builder.Append(parts[i]);
        }
    }

    private int[] Offsets()
    {
        if (_separatorOffsets is not null)
        {
            return _separatorOffsets;
        }

        var span = _raw.Span;
        var count = span.Count(_delimiters.Field);
        var offsets = count == 0 ? [] : new int[count];
        var found = 0;
        for (var i = 0; i < span.Length && found < count; i++)
        {
            if (span[i] == _delimiters.Field)
            {
                offsets[found++] = i;
            }
        }

        _separatorOffsets = offsets;
        return offsets;
    }

    /// <summary>Interns common segment ids so parsing a message does not allocate a string per segment.</summary>
    private static class IdCache
    {
        private static readonly string[] Known =
        [
            "MSH", "EVN", "PID", "PD1", "NK1", "PV1", "PV2", "MRG", "OBX", "OBR", "AL1", "DG1", "PR1", "ROL", "GT1",
            "IN1", "IN2", "IN3", "SFT", "DB1", "DRG", "ACC", "UB1", "UB2", "MSA", "ERR", "NTE", "ORC", "RXE", "RXO",
            "RXR", "RXC", "TQ1", "TQ2", "SPM", "BHS", "BTS", "FHS", "FTS", "QRD", "QRF", "QPD", "RCP", "QAK", "PRD",
        ];

        public static string Get(ReadOnlySpan<char> id)
        {
            foreach (var known in Known)
            {
                if (id.SequenceEqual(known))
                {
                    return known;
                }
            }

            return id.ToString();
        }
    }
}
