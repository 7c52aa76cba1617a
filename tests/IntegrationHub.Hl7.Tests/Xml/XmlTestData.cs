using System.Text.RegularExpressions;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>The shared flow schemas (one catalog for the test run: compiling the XSDs is the slow part) and helpers.</summary>
internal static partial class XmlTestData
{
    private static readonly Lazy<FlowSchemaCatalog> LazyCatalog = new(() => new FlowSchemaCatalog(SharedData.Path("hl7-schemas")));

    public static FlowSchemaCatalog Catalog => LazyCatalog.Value;

    public static FlowXmlValidator Validator { get; } = new(Catalog);

    /// <summary>Parses ER7 written with LF (or CR) between segments.</summary>
    public static Hl7Message Message(string er7) => Hl7Message.Parse(SharedData.ToCr(er7));

    public static XmlValidationResult Validate(string flow, string er7) => Validator.Validate(flow, Message(er7));

    public static string ToXml(string flow, string er7)
    {
        var message = Message(er7);
        return Hl7XmlConverter.ToXml(message, Catalog.Get(flow, MessageStructure.Detect(message)));
    }

    /// <summary>
    /// Expected XML written without prefixes (easier to read and check by hand against the XSDs) gets the
    /// <c>ns0</c> prefix on every element and the namespace declaration on the root.
    /// </summary>
    public static string Prefixed(string unprefixed)
    {
        var prefixed = Fragment(unprefixed);
        var rootEnd = prefixed.IndexOf('>', StringComparison.Ordinal);
        return string.Concat(prefixed.AsSpan(0, rootEnd), " xmlns:ns0=\"urn:hl7-org:v2xml\"", prefixed.AsSpan(rootEnd));
    }

    /// <summary>A fragment written without prefixes, with the <c>ns0</c> prefix on every element.</summary>
    public static string Fragment(string unprefixed) => TagName().Replace(unprefixed, "<$1ns0:$2");

    /// <summary>An element with empty leaves: <c>Empty("HD", 3)</c> → <c>&lt;HD.1 /&gt;&lt;HD.2 /&gt;&lt;HD.3 /&gt;</c>.</summary>
    public static string EmptyLeaves(string type, int count)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            builder.Append('<').Append(type).Append('.').Append(i).Append(" />");
        }

        return builder.ToString();
    }

    [GeneratedRegex("<(/?)([A-Za-z])")]
    private static partial Regex TagName();
}
