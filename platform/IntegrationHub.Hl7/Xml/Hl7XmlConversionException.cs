namespace IntegrationHub.Hl7.Xml;

/// <summary>A message cannot be turned into XML (or XML into a message), e.g. its structure cannot be determined.</summary>
public sealed class Hl7XmlConversionException : Exception
{
    public Hl7XmlConversionException()
    {
    }

    public Hl7XmlConversionException(string message)
        : base(message)
    {
    }

    public Hl7XmlConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
