namespace IntegrationHub.Otlp.Protobuf;

/// <summary>A request body that is not a well-formed OTLP protobuf message; the receiver answers 400.</summary>
public sealed class OtlpFormatException : Exception
{
    public OtlpFormatException()
    {
    }

    public OtlpFormatException(string message)
        : base(message)
    {
    }

    public OtlpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
