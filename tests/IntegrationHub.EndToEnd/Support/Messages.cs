using IntegrationHub.Testing;

namespace IntegrationHub.EndToEnd.Support;

/// <summary>Messages as source systems send them: the shared samples, and copies with control ids of a test's own.</summary>
internal static class Messages
{
    /// <summary>A flow's sample (<c>shared/samples/&lt;workflow&gt;.sample.hl7</c>) with CR separators, no trailing newline.</summary>
    public static string Sample(string workflowId) => SharedData.ReadMessage("samples", workflowId + ".sample.hl7").TrimEnd();

    /// <summary>An acceptance input (<c>shared/acceptance-inputs/&lt;folder&gt;/&lt;name&gt;.in.hl7</c>).</summary>
    public static string AcceptanceInput(string folder, string name) => SharedData.ReadMessage("acceptance-inputs", folder, name + ".in.hl7").TrimEnd();

    /// <summary><paramref name="er7"/> with MSH-10 replaced, so every test's messages are its own.</summary>
    public static string WithControlId(string er7, string controlId)
    {
        var end = er7.IndexOf('\r', StringComparison.Ordinal);
        var msh = end < 0 ? er7 : er7[..end];
        var fields = msh.Split('|');

        // MSH-1 is the separator itself, so MSH-n sits at index n-1 of the split.
        fields[9] = controlId;
        return string.Join('|', fields) + (end < 0 ? string.Empty : er7[end..]);
    }

    /// <summary><paramref name="count"/> copies of <paramref name="er7"/> with control ids <c>&lt;prefix&gt;000001</c>, … in order.</summary>
    public static IReadOnlyList<(string ControlId, string Er7)> Numbered(string er7, string prefix, int count) =>
        Enumerable.Range(1, count)
            .Select(i => prefix + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .Select(id => (id, WithControlId(er7, id)))
            .ToList();
}
