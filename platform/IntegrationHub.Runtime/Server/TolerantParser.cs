using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Runtime.Server;

/// <summary>
/// The server's parse step (spec §2.4 step 2): segments separated by CR only, as received over MLLP; the version
/// in MSH-12 must be one HL7 has published; segment names other than Z-segments must exist in HL7.
/// </summary>
public static class TolerantParser
{
    /// <summary>The published HL7 v2 versions a message may declare.</summary>
    public static readonly IReadOnlySet<string> KnownVersions = new HashSet<string>(StringComparer.Ordinal)
    {
        "2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2",
    };

    private static readonly Lazy<HashSet<string>> KnownSegments = new(() =>
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in Hl7Definitions.SupportedVersions)
        {
            ids.UnionWith(Hl7Definitions.For(version).Segments.Keys);
        }

        return ids;
    });

    /// <summary>Parses, or returns the reason (no patient data) the message cannot be parsed.</summary>
    public static Hl7Message? TryParse(string payload, out string? error)
    {
        Hl7Message message;
        try
        {
            message = Hl7Message.Parse(payload, Hl7ParseOptions.CarriageReturnOnly);
        }
        catch (Hl7ParseException ex)
        {
            error = ex.Message;
            return null;
        }

        var version = message.Get("MSH-12(1).1");
        if (version.Length > 0 && !KnownVersions.Contains(version))
        {
            error = $"Unsupported HL7 version '{version}'";
            return null;
        }

        foreach (var segment in message.Segments)
        {
            if (segment.Id[0] != 'Z' && !KnownSegments.Value.Contains(segment.Id))
            {
                error = $"Unknown segment '{segment.Id}'";
                return null;
            }
        }

        error = null;
        return message;
    }
}
