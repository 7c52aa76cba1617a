namespace IntegrationHub.Hl7.Xml;

/// <summary>Names shared by every HL7 v2 XML document the hub produces.</summary>
public static class Hl7XmlNames
{
    /// <summary>The HL7 v2 XML namespace.</summary>
    public const string Namespace = "urn:hl7-org:v2xml";

    /// <summary>
    /// The prefix the namespace is written with. The reference serialiser (ElementTree) names it <c>ns0</c>, and
    /// stored payloads are compared with the reference's, so the hub writes the same.
    /// </summary>
    public const string Prefix = "ns0";
}
