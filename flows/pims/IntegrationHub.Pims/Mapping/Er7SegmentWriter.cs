using System.Buffers;

namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// Builds one output segment's ER7 text left to right: the mappers write fields and components in ascending order,
/// so the writer only ever appends separators, never rewrites. The buffer comes from the shared pool so a
/// transform allocates little more than the final segment strings.
/// </summary>
internal ref struct Er7SegmentWriter
{
    private readonly Hl7Delimiters _delimiters;
    private char[] _buffer;
    private int _length;
    private int _field;
    private int _component;

    public Er7SegmentWriter(string segmentId, Hl7Delimiters delimiters)
    {
        _delimiters = delimiters;
        _buffer = ArrayPool<char>.Shared.Rent(256);
        _length = 0;
        _field = 0;
        _component = 1;
        Append(segmentId);
    }

    /// <summary>Moves to field <paramref name="number"/> (never backwards), at its first component.</summary>
    public void Field(int number)
    {
        while (_field < number)
        {
            Append(_delimiters.Field);
            _field++;
        }

        _component = 1;
    }

    /// <summary>Moves to component <paramref name="number"/> of the current repetition (never backwards).</summary>
    public void Component(int number)
    {
        while (_component < number)
        {
            Append(_delimiters.Component);
            _component++;
        }
    }

    /// <summary>Starts the next repetition of the current field.</summary>
    public void NextRepetition()
    {
        Append(_delimiters.Repetition);
        _component = 1;
    }

    /// <summary>Writes <paramref name="value"/> into component <paramref name="number"/> of the current repetition.</summary>
    public void Component(int number, ReadOnlySpan<char> value)
    {
        Component(number);
        Append(value);
    }

    /// <summary>Appends raw ER7 text at the current position.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public void Append(char c)
    {
        if (_length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = c;
    }

    /// <summary>Appends text that goes into one sub-component, escaping the sub-component separator it contains.</summary>
    public void AppendEscapingSubComponents(ReadOnlySpan<char> text)
    {
        var separator = _delimiters.SubComponent;
        while (true)
        {
            var index = text.IndexOf(separator);
            if (index < 0)
            {
                Append(text);
                return;
            }

            Append(text[..index]);
            Append(_delimiters.Escape);
            Append('T');
            Append(_delimiters.Escape);
            text = text[(index + 1)..];
        }
    }

    /// <summary>The segment text; returns the buffer to the pool, so the writer cannot be used afterwards.</summary>
    public string Finish()
    {
        var text = new string(_buffer, 0, _length);
        Dispose();
        return text;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
