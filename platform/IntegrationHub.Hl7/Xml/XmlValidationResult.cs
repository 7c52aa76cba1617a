namespace IntegrationHub.Hl7.Xml;

/// <summary>The outcome of validating a message against its flow's XSD.</summary>
/// <param name="IsValid">True when the XML conforms to the structure XSD.</param>
/// <param name="Xml">The message as HL7 v2 XML (produced whether or not it is valid).</param>
/// <param name="Error">
/// The first error: the validator's reason then <c> (path: &lt;xpath&gt;)</c>. Never holds a value of the message.
/// </param>
/// <param name="Flow">The flow validated against.</param>
/// <param name="Structure">The message structure used (the XML root element).</param>
public sealed record XmlValidationResult(bool IsValid, string Xml, string? Error, string Flow, string Structure);
