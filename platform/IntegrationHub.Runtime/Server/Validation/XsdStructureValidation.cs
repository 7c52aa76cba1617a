using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Runtime.Server.Validation;

/// <summary>Validates against <c>&lt;schema dir&gt;/&lt;flow&gt;/&lt;STRUCTURE&gt;.xsd</c> (spec §3), compiled once and cached.</summary>
public sealed class XsdStructureValidation(string flow, FlowXmlValidator validator) : IStructureValidation
{
    public StructureValidationResult Validate(Hl7Message message)
    {
        try
        {
            var result = validator.Validate(flow, message);
            return result.IsValid ? StructureValidationResult.Valid(result.Xml) : StructureValidationResult.Invalid(result.Error ?? "XML schema validation failed");
        }
        catch (Hl7StructureException ex)
        {
            return StructureValidationResult.Invalid(ex.Message);
        }
        catch (FlowSchemaConfigurationException ex)
        {
            return StructureValidationResult.NotConfigured(ex.Message);
        }
    }
}
