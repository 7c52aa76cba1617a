using System.Text;
using System.Xml;
using System.Xml.Schema;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// Where the converters write: an <see cref="XmlWriter"/> producing the payload text and, when a schema is given,
/// an <see cref="XmlSchemaValidator"/> fed the same element and text events, so validating never re-parses XML.
/// Keeps the element path so an error can say where it happened.
/// </summary>
internal sealed class Hl7XmlOutput : IDisposable
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        NewLineHandling = NewLineHandling.None,
        ConformanceLevel = ConformanceLevel.Document,
        // Control characters in a value must not abort the conversion; they are written as character references.
        CheckCharacters = false,
    };

    private readonly StringBuilder _text;
    private readonly XmlWriter _writer;
    private readonly XmlSchemaValidator? _validator;
    private readonly FlowSchema? _schema;
    private readonly List<Level> _levels = [];
    private int _depth;
    private bool _leafHasText;

    public Hl7XmlOutput(FlowSchema? schema, int capacity = 4096)
    {
        _text = new StringBuilder(capacity);
        _writer = XmlWriter.Create(_text, WriterSettings);
        _schema = schema;
        if (schema is not null)
        {
            // A name table per document: name tables are not thread-safe and the compiled schemas are shared.
            var names = new NameTable();
            var resolver = new XmlNamespaceManager(names);
            resolver.AddNamespace(Hl7XmlNames.Prefix, Hl7XmlNames.Namespace);
            _validator = new XmlSchemaValidator(names, schema.Schemas, resolver, XmlSchemaValidationFlags.None);
            _validator.ValidationEventHandler += OnValidationEvent;
            _validator.Initialize();
        }
    }

    /// <summary>The first validation error (reason and path), or null.</summary>
    public string? Error { get; private set; }

    public void Start(string name)
    {
        _writer.WriteStartElement(Hl7XmlNames.Prefix, name, Hl7XmlNames.Namespace);
        Push(name);
        if (_validator is not null && Error is null)
        {
            _validator.ValidateElement(name, Hl7XmlNames.Namespace, null);
            _validator.ValidateEndOfAttributes(null);
        }
    }

    public void End()
    {
        _writer.WriteEndElement();
        if (_validator is not null && Error is null)
        {
            _validator.ValidateEndElement(null);
        }

        _depth--;
        _leafHasText = false;
    }

    /// <summary>An element holding only text; empty text gives a self-closing element.</summary>
    public void Leaf(string name, string text)
    {
        text = WithoutLoneSurrogates(text);
        Start(name);
        if (text.Length > 0)
        {
            _writer.WriteString(text);
            _leafHasText = true;
            if (_validator is not null && Error is null)
            {
                _validator.ValidateText(text);
            }
        }

        End();
    }

    /// <summary>Finishes the document and returns its text.</summary>
    public string Finish()
    {
        _writer.Flush();
        if (_validator is not null && Error is null)
        {
            _validator.EndValidation();
        }

        return _text.ToString();
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// XmlWriter refuses unpaired surrogates even with character checking off (UTF-8 input never has them, a
    /// string built in code may); they become U+FFFD rather than failing the conversion.
    /// </summary>
    private static string WithoutLoneSurrogates(string text)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private void Push(string name)
    {
        var index = 1;
        if (_depth > 0)
        {
            index = _levels[_depth - 1].CountChild(name);
        }

        if (_levels.Count == _depth)
        {
            _levels.Add(new Level());
        }

        _levels[_depth].Reset(name, index);
        _depth++;
    }

    private void OnValidationEvent(object? sender, ValidationEventArgs e)
    {
        if (e.Severity != XmlSeverityType.Error || Error is not null)
        {
            return;
        }

        var element = _depth > 0 ? _levels[_depth - 1].Name : _schema!.Structure;
        var open = new string[_depth];
        for (var i = 0; i < _depth; i++)
        {
            open[i] = _levels[i].Name;
        }

        Error = $"{ValidationErrorText.Reason(e.Message, element, _leafHasText, _schema!, open)} (path: {Path()})";
    }

    private string Path()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            builder.Append('/').Append(Hl7XmlNames.Prefix).Append(':').Append(_levels[i].Name);
            if (i > 0)
            {
                builder.Append('[').Append(_levels[i].Index).Append(']');
            }
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    /// <summary>One open element: its name, its position among same-named siblings, and counts of its children by name.</summary>
    private sealed class Level
    {
        private readonly List<KeyValuePair<string, int>> _children = [];

        public string Name { get; private set; } = string.Empty;

        public int Index { get; private set; }

        public void Reset(string name, int index)
        {
            Name = name;
            Index = index;
            _children.Clear();
        }

        public int CountChild(string name)
        {
            for (var i = _children.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(_children[i].Key, name) || _children[i].Key == name)
                {
                    var count = _children[i].Value + 1;
                    _children[i] = new KeyValuePair<string, int>(name, count);
                    return count;
                }
            }

            _children.Add(new KeyValuePair<string, int>(name, 1));
            return 1;
        }
    }
}
