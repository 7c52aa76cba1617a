namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// Flow XSD validation (spec §3.4): converts the message to HL7 v2 XML for the flow and validates it against the
/// structure's XSD in one pass — the validator is fed the same events as the XML writer, so nothing is parsed twice.
/// </summary>
public sealed class FlowXmlValidator(FlowSchemaCatalog catalog)
{
    /// <summary>The catalog the flow schemas come from.</summary>
    public FlowSchemaCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <summary>
    /// Validates the message as the structure MSH-9 gives (spec §3.2). Throws <see cref="Hl7StructureException"/>
    /// when MSH-9 names no structure or trigger, and <see cref="FlowSchemaConfigurationException"/> when the flow
    /// has no XSD for the structure.
    /// </summary>
    public XmlValidationResult Validate(string flow, Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Validate(flow, message, MessageStructure.Detect(message));
    }

    /// <summary>
    /// Validates the message as the given structure. A missing flow folder or structure XSD throws
    /// <see cref="FlowSchemaConfigurationException"/>: that is configuration, not a property of the message.
    /// </summary>
    public XmlValidationResult Validate(string flow, Hl7Message message, string structure)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Validate(Catalog.Get(flow, structure), message);
    }

    /// <summary>Validates the message against an already resolved flow schema.</summary>
    public static XmlValidationResult Validate(FlowSchema schema, Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(message);
        using var output = new Hl7XmlOutput(schema, Hl7XmlConverter.EstimatedLength(message));
        Hl7XmlConverter.Write(message, schema, output);
        var xml = output.Finish();
        return new XmlValidationResult(output.Error is null, xml, output.Error, schema.Flow, schema.Structure);
    }
}
