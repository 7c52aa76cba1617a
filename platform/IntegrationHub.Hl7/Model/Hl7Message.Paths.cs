namespace IntegrationHub.Hl7;

public sealed partial class Hl7Message
{
    /// <summary>The raw text at <paramref name="path"/> (escapes intact); empty when absent. Never throws for a valid path.</summary>
    public string Get(string path) => GetSpan(Hl7Path.Parse(path)).ToString();

    /// <summary>The raw text at <paramref name="path"/> as a slice of the message; nothing is copied.</summary>
    public ReadOnlySpan<char> GetSpan(Hl7Path path) => TryGetSpan(path, out var value) ? value : ReadOnlySpan<char>.Empty;

    /// <summary>The decoded text at <paramref name="path"/> (escape sequences resolved).</summary>
    public string GetText(string path) => Hl7Escaping.Decode(GetSpan(Hl7Path.Parse(path)), Delimiters);

    /// <summary>Whether <paramref name="path"/> is absent, empty, the HL7 null <c>""</c>, or holds a value.</summary>
    public Hl7ValueKind Kind(string path)
    {
        if (!TryGetSpan(Hl7Path.Parse(path), out var value))
        {
            return Hl7ValueKind.Absent;
        }

        return value.IsEmpty ? Hl7ValueKind.Empty : Hl7Null.IsNull(value) ? Hl7ValueKind.Null : Hl7ValueKind.Value;
    }

    /// <summary>
    /// Finds the raw text at <paramref name="path"/>. Returns false when the segment, field, repetition,
    /// component or sub-component does not exist (an existing but empty element returns true).
    /// </summary>
    public bool TryGetSpan(Hl7Path path, out ReadOnlySpan<char> value)
    {
        value = ReadOnlySpan<char>.Empty;
        var segment = Segment(path.SegmentId, path.Occurrence);
        if (segment is null)
        {
            return false;
        }

        if (path.IsSegment)
        {
            value = segment.Raw;
            return true;
        }

        if (!segment.HasField(path.Field))
        {
            return false;
        }

        var field = segment.Field(path.Field);
        if (segment.IsHeader && path.Field <= 2)
        {
            // MSH-1 and MSH-2 hold the delimiters themselves: they are never split.
            value = field;
            return path.Repetition <= 1 && path.Component <= 1 && path.SubComponent <= 1;
        }

        if (path.IsWholeField)
        {
            value = field;
            return true;
        }

        var d = Delimiters;
        return Er7Pieces.TryPiece(field, d.Repetition, Math.Max(path.Repetition, 1), out value)
            && (path.Component == 0 || Er7Pieces.TryPiece(value, d.Component, path.Component, out value))
            && (path.SubComponent == 0 || Er7Pieces.TryPiece(value, d.SubComponent, path.SubComponent, out value));
    }

    /// <summary>
    /// Writes raw ER7 text (escapes and delimiters as given) at <paramref name="path"/>, creating the segment,
    /// field, repetition and component when missing. A missing segment is appended at the end.
    /// </summary>
    public void Set(string path, string raw) => Set(Hl7Path.Parse(path), raw);

    /// <summary>Writes text at <paramref name="path"/>, escaping any delimiter it contains.</summary>
    public void SetText(string path, string text) => Set(Hl7Path.Parse(path), Hl7Escaping.Encode(text, Delimiters));

    /// <inheritdoc cref="Set(string, string)"/>
    public void Set(Hl7Path path, string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (path.IsSegment)
        {
            throw new ArgumentException("Set needs a field path such as PID-3; use AddSegment to add a whole segment.", nameof(path));
        }

        var segment = Segment(path.SegmentId, path.Occurrence) ?? AppendUntil(path.SegmentId, path.Occurrence);
        if (segment.IsHeader && path.Field <= 2)
        {
            throw new ArgumentException("MSH-1 and MSH-2 hold the message's delimiters and cannot be set.", nameof(path));
        }

        var part = segment.PartIndex(path.Field);
        if (path.IsWholeField)
        {
            segment.SetPart(part, raw);
            return;
        }

        var d = Delimiters;
        var field = segment.Part(part);
        var repetitionNumber = Math.Max(path.Repetition, 1);
        var repetition = Er7Pieces.Piece(field, d.Repetition, repetitionNumber);
        string newRepetition;
        if (path.Component == 0)
        {
            newRepetition = raw;
        }
        else
        {
            var component = Er7Pieces.Piece(repetition, d.Component, path.Component);
            var newComponent = path.SubComponent == 0 ? raw : Er7Pieces.Replace(component, d.SubComponent, path.SubComponent, raw);
            newRepetition = Er7Pieces.Replace(repetition, d.Component, path.Component, newComponent);
        }

        segment.SetPart(part, Er7Pieces.Replace(field, d.Repetition, repetitionNumber, newRepetition));
    }

    /// <summary>
    /// Deletes what <paramref name="path"/> names: a whole segment (<c>NK1[2]</c>), or the value of a field,
    /// repetition, component or sub-component (left empty; trailing empty pieces are dropped). Deleting
    /// something absent does nothing. To send an HL7 null, Set the value <c>""</c> instead.
    /// </summary>
    public void Delete(string path)
    {
        var parsed = Hl7Path.Parse(path);
        var segment = Segment(parsed.SegmentId, parsed.Occurrence);
        if (segment is null)
        {
            return;
        }

        if (parsed.IsSegment)
        {
            RemoveSegment(segment);
            return;
        }

        if (!TryGetSpan(parsed, out _))
        {
            return;
        }

        Set(parsed, string.Empty);
        var d = Delimiters;
        var part = segment.PartIndex(parsed.Field);
        if (!parsed.IsWholeField)
        {
            segment.SetPart(part, TrimLevels(segment.Part(part), d, parsed));
        }

        segment.TrimTrailingEmptyParts();
    }

    private static string TrimLevels(ReadOnlySpan<char> field, Hl7Delimiters d, Hl7Path path)
    {
        var repetitionNumber = Math.Max(path.Repetition, 1);
        var repetition = Er7Pieces.Piece(field, d.Repetition, repetitionNumber);
        if (path.SubComponent > 0)
        {
            var component = Er7Pieces.Piece(repetition, d.Component, path.Component);
            repetition = Er7Pieces.Replace(repetition, d.Component, path.Component, Er7Pieces.TrimTrailingEmpty(component, d.SubComponent));
        }

        if (path.Component > 0)
        {
            repetition = Er7Pieces.TrimTrailingEmpty(repetition, d.Component);
        }

        var rebuilt = Er7Pieces.Replace(field, d.Repetition, repetitionNumber, repetition);
        return path.Component == 0 ? Er7Pieces.TrimTrailingEmpty(rebuilt, d.Repetition).ToString() : rebuilt;
    }

    private Hl7Segment AppendUntil(string id, int occurrence)
    {
        Hl7Segment? last = null;
        var existing = 0;
        foreach (var segment in _segments)
        {
            if (segment.Id == id)
            {
                existing++;
            }
        }

        for (var i = existing; i < occurrence; i++)
        {
            last = AddSegment(id);
        }

        return last!;
    }
}
