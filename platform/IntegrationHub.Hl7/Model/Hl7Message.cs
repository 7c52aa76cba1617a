using System.Buffers;
using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// An HL7 v2 message in ER7 form. Parsing only indexes the original text (segment boundaries, later field
/// offsets on demand); encoding an unchanged message reproduces the input exactly, separators included.
/// </summary>
public sealed partial class Hl7Message
{
    private readonly List<Hl7Segment> _segments;
    private readonly List<string> _terminators;
    private readonly string? _source;
    private readonly string _finalTerminator;
    private bool _structureChanged;

    private Hl7Message(string? source, Hl7Delimiters delimiters, List<Hl7Segment> segments, List<string> terminators, string finalTerminator, string segmentSeparator)
    {
        _source = source;
        Delimiters = delimiters;
        _segments = segments;
        _terminators = terminators;
        _finalTerminator = finalTerminator;
        SegmentSeparator = segmentSeparator;
    }

    /// <summary>The delimiters declared by MSH-1 and MSH-2.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>The separator used when segments are added: the first one the input used, CR otherwise.</summary>
    public string SegmentSeparator { get; }

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<Hl7Segment> Segments => _segments;

    /// <summary>The header segment.</summary>
    public Hl7Segment Header => _segments[0];

    /// <summary>How the message was split into segments; a copy must be parsed the same way.</summary>
    public Hl7ParseOptions ParseOptions { get; private init; } = Hl7ParseOptions.Default;

    /// <summary>An independent copy with the same text and segment boundaries.</summary>
    public Hl7Message Clone() => Parse(Encode(), ParseOptions);

    /// <summary>True when the input held an empty segment (two separators in a row) before the last segment.</summary>
    public bool HasEmptySegments { get; private set; }

    /// <summary>Parses ER7 text. Throws <see cref="Hl7ParseException"/> (and nothing else) for malformed input.</summary>
    public static Hl7Message Parse(string text) => Parse(text, Hl7ParseOptions.Default);

    /// <summary>Parses ER7 text with explicit options (e.g. CR-only segment separators, as MLLP receivers see them).</summary>
    public static Hl7Message Parse(string text, Hl7ParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return Hl7Er7Parser.Parse(text, options);
    }

    /// <summary>Parses UTF-8 bytes; invalid UTF-8 is reported as a <see cref="Hl7ParseException"/>.</summary>
    public static Hl7Message Parse(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new Hl7ParseException($"The message is not valid UTF-8 (byte offset {ex.Index}).", Math.Max(ex.Index, 0), 0);
        }

        return Parse(text);
    }

    /// <summary>Parses ER7 text, returning false instead of throwing for malformed input.</summary>
    public static bool TryParse(string text, out Hl7Message? message, out Hl7ParseException? error)
    {
        try
        {
            message = Parse(text);
            error = null;
            return true;
        }
        catch (Hl7ParseException ex)
        {
            message = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Starts a new message holding only <c>MSH|^~\&amp;</c> (or the given delimiters).</summary>
    public static Hl7Message Create(Hl7Delimiters? delimiters = null, string segmentSeparator = "\r")
    {
        var d = delimiters ?? Hl7Delimiters.Default;
        var header = $"MSH{d.Field}{d.EncodingCharacters}";
        var segment = new Hl7Segment(header.AsMemory(), d);
        return new Hl7Message(null, d, [segment], [string.Empty], string.Empty, segmentSeparator) { _structureChanged = true };
    }

    internal static Hl7Message FromParsed(string source, Hl7Delimiters delimiters, List<Hl7Segment> segments, List<string> terminators, bool hasEmptySegments, Hl7ParseOptions options)
    {
        var final = terminators[^1];
        var separator = terminators.Count > 1 ? FirstBreak(terminators[0]) : (final.Length > 0 ? FirstBreak(final) : "\r");
        return new Hl7Message(source, delimiters, segments, terminators, final, separator) { HasEmptySegments = hasEmptySegments, ParseOptions = options };
    }

    /// <summary>
    /// The message as ER7 text. Unchanged messages come back byte for byte as they were parsed; changed
    /// segments are re-encoded and added segments use <see cref="SegmentSeparator"/>.
    /// </summary>
    public string Encode()
    {
        if (_source is not null && !_structureChanged && !AnySegmentChanged())
        {
            return _source;
        }

        var builder = new StringBuilder(EstimateLength());
        for (var i = 0; i < _segments.Count; i++)
        {
            _segments[i].WriteTo(builder);
            builder.Append(TerminatorAt(i));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The message in the normalised form the hub emits downstream: segments joined by <paramref name="separator"/>,
    /// no trailing separator, trailing empty fields, components and sub-components dropped (empty repetitions
    /// are kept). MSH-1 and MSH-2 are never touched.
    /// </summary>
    public string EncodeNormalized(string separator = "\r")
    {
        var builder = new StringBuilder(EstimateLength());
        for (var i = 0; i < _segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            Hl7Normalizer.AppendSegment(builder, _segments[i]);
        }

        return builder.ToString();
    }

    /// <summary>Writes <see cref="Encode"/> as UTF-8 into <paramref name="writer"/> without an intermediate string when unchanged.</summary>
    public void WriteUtf8(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var text = Encode();
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        writer.Advance(written);
    }

    public override string ToString() => Encode();

    /// <summary>The first segment with id <paramref name="id"/>, or null.</summary>
    public Hl7Segment? Segment(string id) => Segment(id, 1);

    /// <summary>The <paramref name="occurrence"/>-th (1-based) segment with id <paramref name="id"/>, or null.</summary>
    public Hl7Segment? Segment(string id, int occurrence)
    {
        var seen = 0;
        foreach (var segment in _segments)
        {
            if (segment.Id == id && ++seen == occurrence)
            {
                return segment;
            }
        }

        return null;
    }

    /// <summary>Every segment with id <paramref name="id"/>, in order.</summary>
    public IEnumerable<Hl7Segment> SegmentsNamed(string id)
    {
        foreach (var segment in _segments)
        {
            if (segment.Id == id)
            {
                yield return segment;
            }
        }
    }

    /// <summary>Appends a segment given as ER7 text (e.g. <c>PID|1||123</c>), in this message's delimiters.</summary>
    public Hl7Segment AddSegment(string er7) => InsertSegment(_segments.Count, er7);

    /// <summary>Inserts a segment at <paramref name="index"/>; index 0 (before MSH) is not allowed.</summary>
    public Hl7Segment InsertSegment(int index, string er7)
    {
        ArgumentNullException.ThrowIfNull(er7);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, _segments.Count);
        Hl7Er7Parser.ValidateSegmentId(er7, Delimiters.Field, 0, index);
        if (er7.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A segment cannot contain a segment separator.", nameof(er7));
        }

        var segment = new Hl7Segment(er7.AsMemory(), Delimiters);
        if (index == _segments.Count)
        {
            // The old last segment is no longer last: it now ends with an ordinary separator.
            _terminators[^1] = SegmentSeparator;
        }

        _segments.Insert(index, segment);
        _terminators.Insert(index, SegmentSeparator);
        _structureChanged = true;
        return segment;
    }

    /// <summary>Removes a segment (not MSH).</summary>
    public void RemoveSegment(Hl7Segment segment)
    {
        var index = _segments.IndexOf(segment);
        if (index <= 0)
        {
            throw new ArgumentException("The segment is not part of this message or is its header.", nameof(segment));
        }

        _segments.RemoveAt(index);
        _terminators.RemoveAt(index);
        _structureChanged = true;
    }

    private string TerminatorAt(int index)
    {
        if (index == _segments.Count - 1)
        {
            return _finalTerminator;
        }

        var terminator = _terminators[index];
        return terminator.Length > 0 ? terminator : SegmentSeparator;
    }

    private bool AnySegmentChanged()
    {
        foreach (var segment in _segments)
        {
            if (segment.IsChanged)
            {
                return true;
            }
        }

        return false;
    }

    private int EstimateLength()
    {
        var length = 0;
        foreach (var segment in _segments)
        {
            length += segment.EstimatedLength + 2;
        }

        return length;
    }

    private static string FirstBreak(string terminator) =>
        terminator.StartsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : terminator.Length > 0 ? terminator[..1] : "\r";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
