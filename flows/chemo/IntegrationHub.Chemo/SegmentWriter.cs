using System.Text;

namespace IntegrationHub.Chemo;

/// <summary>
/// Builds one ER7 segment (or one field's text) from values placed at increasing positions. Separators are
/// written only when a later value needs them, so a mapper writes just the values it copies and the result has
/// no trailing empties to trim. Positions are 1-based; component or sub-component 0 means "the whole piece".
/// </summary>
internal sealed class SegmentWriter
{
    private const int InitialCapacity = 512;

    // A writer lives as long as its thread; one huge segment must not pin a huge buffer for good.
    private const int MaxRetainedCapacity = 64 * 1024;

    private readonly StringBuilder _builder = new(InitialCapacity);
    private Hl7Delimiters _delimiters;
    private int _field;
    private int _repetition;
    private int _component;
    private int _subComponent;

    /// <summary>Starts a segment: the id, then field 1 follows after a field separator.</summary>
    public void Begin(string segmentId, Hl7Delimiters delimiters)
    {
        Reset();
        _builder.Append(segmentId);
        _delimiters = delimiters;
        _field = 0;
        _repetition = _component = _subComponent = 1;
    }

    /// <summary>Starts the text of a single field: positions then address that field as field 1.</summary>
    public void BeginField(Hl7Delimiters delimiters)
    {
        Reset();
        _delimiters = delimiters;
        _field = 1;
        _repetition = _component = _subComponent = 1;
    }

    /// <summary>Writes <paramref name="value"/> at a position when it is non-empty (the spec's "copy").</summary>
    public void Write(int field, int repetition, int component, int subComponent, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        MoveTo(field, repetition, component, subComponent);
        _builder.Append(value);
    }

    /// <summary>Writes a value into component <paramref name="component"/> of the first repetition.</summary>
    public void Component(int field, int component, ReadOnlySpan<char> value) => Write(field, 1, component, 0, value);

    /// <summary>Writes a whole field (every repetition) verbatim.</summary>
    public void WholeField(int field, ReadOnlySpan<char> value) => Write(field, 1, 0, 0, value);

    /// <summary>Appends to whatever was last written, at the same position.</summary>
    public void Append(ReadOnlySpan<char> value) => _builder.Append(value);

    /// <summary>
    /// Appends text as the content of one component: its component and sub-component separators are escaped
    /// (<c>^</c> → <c>\S\</c>, <c>&amp;</c> → <c>\T\</c>) so the text stays in its place. Escape sequences already
    /// in the text are kept as they are.
    /// </summary>
    public void AppendEscaped(ReadOnlySpan<char> value)
    {
        var d = _delimiters;
        foreach (var c in value)
        {
            if (c == d.Component)
            {
                _builder.Append(d.Escape).Append('S').Append(d.Escape);
            }
            else if (c == d.SubComponent)
            {
                _builder.Append(d.Escape).Append('T').Append(d.Escape);
            }
            else
            {
                _builder.Append(c);
            }
        }
    }

    /// <summary>Writes separators up to a position without a value, e.g. to keep trailing empty repetitions.</summary>
    public void MoveTo(int field, int repetition, int component, int subComponent)
    {
        var d = _delimiters;
        if (field > _field)
        {
            _builder.Append(d.Field, field - _field);
            _field = field;
            _repetition = _component = _subComponent = 1;
        }

        if (repetition > _repetition)
        {
            _builder.Append(d.Repetition, repetition - _repetition);
            _repetition = repetition;
            _component = _subComponent = 1;
        }

        if (component > _component)
        {
            _builder.Append(d.Component, component - _component);
            _component = component;
            _subComponent = 1;
        }

        if (subComponent > _subComponent)
        {
            _builder.Append(d.SubComponent, subComponent - _subComponent);
            _subComponent = subComponent;
        }
    }

    public override string ToString() => _builder.ToString();

    private void Reset()
    {
        _builder.Clear();
        if (_builder.Capacity > MaxRetainedCapacity)
        {
            _builder.Capacity = InitialCapacity;
        }
    }
}
