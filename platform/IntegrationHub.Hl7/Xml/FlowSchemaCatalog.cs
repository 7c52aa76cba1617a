using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// The flow schemas under one root directory: one folder per flow holding <c>&lt;STRUCTURE&gt;.xsd</c> files and the
/// version's shared <c>&lt;prefix&gt;_segments/_fields/_types.xsd</c>. Adding a flow or a structure is adding files;
/// nothing is registered in code. Each (flow, structure) is compiled once, on first use, and cached.
/// </summary>
public sealed class FlowSchemaCatalog
{
    private const string SegmentsSuffix = "_segments.xsd";

    private readonly ConcurrentDictionary<(string Flow, string Structure), Lazy<FlowSchema>> _schemas = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, StructureFile>> _folders = new(StringComparer.Ordinal);

    public FlowSchemaCatalog(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        RootDirectory = Path.GetFullPath(rootDirectory);
    }

    /// <summary>The directory holding one folder per flow.</summary>
    public string RootDirectory { get; }

    /// <summary>The flows present (folder names), sorted.</summary>
    public IReadOnlyList<string> Flows() =>
        Directory.Exists(RootDirectory)
            ? [.. Directory.EnumerateDirectories(RootDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The structures a flow provides, sorted. Throws <see cref="FlowSchemaConfigurationException"/> for an unknown flow.</summary>
    public IReadOnlyList<string> Structures(string flow) => [.. Folder(flow, rescan: false).Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when the flow folder exists and has an XSD for the structure.</summary>
    public bool Contains(string flow, string structure)
    {
        try
        {
            return Find(flow, structure) is not null;
        }
        catch (FlowSchemaConfigurationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The compiled schema for a flow's structure. Throws <see cref="FlowSchemaConfigurationException"/> when the
    /// flow folder or the structure's XSD is missing (listing the structures there are) or the XSDs do not compile.
    /// </summary>
    public FlowSchema Get(string flow, string structure)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(structure);
        if (_schemas.TryGetValue((flow, structure), out var cached))
        {
            return cached.Value;
        }

        var file = Find(flow, structure)
            ?? throw new FlowSchemaConfigurationException(
                $"No XSD mapping for flow '{flow}' and structure '{structure}' in '{Path.Combine(RootDirectory, flow)}'. Available structures: {string.Join(", ", Structures(flow))}.",
                flow,
                structure,
                Structures(flow));

        var lazy = _schemas.GetOrAdd((flow, structure), _ => new Lazy<FlowSchema>(() => Compile(flow, structure, file), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (FlowSchemaConfigurationException)
        {
            // A broken XSD may be fixed on disk; do not remember the failure.
            _schemas.TryRemove(new KeyValuePair<(string, string), Lazy<FlowSchema>>((flow, structure), lazy));
            throw;
        }
    }

    /// <summary>
    /// Compiles every structure of a flow now — for start-up, so a broken or missing schema folder stops the
    /// service at once and the first message does not pay for compilation.
    /// </summary>
    public IReadOnlyList<FlowSchema> LoadAll(string flow)
    {
        var structures = Structures(flow);
        var schemas = new FlowSchema[structures.Count];
        for (var i = 0; i < structures.Count; i++)
        {
            schemas[i] = Get(flow, structures[i]);
        }

        return schemas;
    }

    private StructureFile? Find(string flow, string structure)
    {
        if (Folder(flow, rescan: false).TryGetValue(structure, out var file))
        {
            return file;
        }

        // An XSD dropped into the folder after the first scan is picked up without a restart.
        return Folder(flow, rescan: true).GetValueOrDefault(structure);
    }

    private IReadOnlyDictionary<string, StructureFile> Folder(string flow, bool rescan)
    {
        var directory = FlowDirectory(flow);
        if (!Directory.Exists(directory))
        {
            _folders.TryRemove(flow, out _);
            throw new FlowSchemaConfigurationException(
                $"No XSD mapping for flow '{flow}': the folder '{directory}' does not exist. Available flows: {string.Join(", ", Flows())}.",
                flow,
                structure: null,
                availableStructures: []);
        }

        if (!rescan && _folders.TryGetValue(flow, out var known))
        {
            return known;
        }

        var scanned = Scan(directory);
        _folders[flow] = scanned;
        return scanned;
    }

    private string FlowDirectory(string flow)
    {
        // The flow name comes from configuration; it must name a folder directly under the root.
        if (flow.Length == 0 || flow is "." or ".." || flow.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, ':']) >= 0)
        {
            throw new FlowSchemaConfigurationException($"'{flow}' is not a valid flow name.", flow, structure: null, availableStructures: []);
        }

        return Path.Combine(RootDirectory, flow);
    }

    /// <summary>A structure XSD is one that includes <c>&lt;prefix&gt;_segments.xsd</c>; its file name is the structure id.</summary>
    private static Dictionary<string, StructureFile> Scan(string directory)
    {
        var found = new Dictionary<string, StructureFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.xsd"))
        {
            var prefix = SegmentsPrefix(path);
            if (prefix is not null)
            {
                found[Path.GetFileNameWithoutExtension(path)] = new StructureFile(path, prefix);
            }
        }

        return found;
    }

    private static string? SegmentsPrefix(string path)
    {
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true });
            reader.MoveToContent();
            if (reader.LocalName != "schema" || reader.NamespaceURI != XmlSchema.Namespace)
            {
                return null;
            }

            // Includes and imports come first in a schema; stop at the first definition.
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    continue;
                }

                if (reader.LocalName is not ("include" or "import" or "annotation"))
                {
                    return null;
                }

                var location = Path.GetFileName(reader.GetAttribute("schemaLocation"));
                if (reader.LocalName == "include" && location is not null && location.EndsWith(SegmentsSuffix, StringComparison.Ordinal) && location.Length > SegmentsSuffix.Length)
                {
                    return location[..^SegmentsSuffix.Length];
                }
            }
        }
        catch (XmlException)
        {
            // Not a readable schema: not a structure either; compiling it would report the problem.
        }

        return null;
    }

    private FlowSchema Compile(string flow, string structure, StructureFile file)
    {
        var errors = new List<string>();
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add(e.Message);
            }
        };

        try
        {
            using (var reader = XmlReader.Create(file.Path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
            {
                schemas.Add(targetNamespace: null, reader);
            }

            schemas.Compile();
        }
        catch (Exception ex) when (ex is XmlException or XmlSchemaException or IOException or UnauthorizedAccessException)
        {
            throw new FlowSchemaConfigurationException($"The XSD '{file.Path}' for flow '{flow}' does not compile: {ex.Message}", flow, structure, Structures(flow), ex);
        }

        if (errors.Count > 0)
        {
            throw new FlowSchemaConfigurationException($"The XSD '{file.Path}' for flow '{flow}' does not compile: {errors[0]}", flow, structure, Structures(flow));
        }

        var root = XsdModelBuilder.Structure(schemas, structure)
            ?? throw new FlowSchemaConfigurationException($"The XSD '{file.Path}' for flow '{flow}' declares no root element '{structure}'.", flow, structure, Structures(flow));
        return new FlowSchema(flow, structure, file.Prefix, file.Path, schemas, root);
    }

    private sealed record StructureFile(string Path, string Prefix);
}
