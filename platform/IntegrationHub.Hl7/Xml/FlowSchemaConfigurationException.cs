namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// A flow's schemas cannot be used for a message: the flow folder or the structure's XSD is missing, or the XSDs
/// do not compile. This is a configuration problem of the deployment, never a validation failure of the message.
/// </summary>
public sealed class FlowSchemaConfigurationException : Exception
{
    public FlowSchemaConfigurationException()
        : this("The flow schemas are not configured.")
    {
    }

    public FlowSchemaConfigurationException(string message)
        : base(message)
    {
        Flow = string.Empty;
        AvailableStructures = [];
    }

    public FlowSchemaConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Flow = string.Empty;
        AvailableStructures = [];
    }

    internal FlowSchemaConfigurationException(string message, string flow, string? structure, IReadOnlyList<string> availableStructures, Exception? innerException = null)
        : base(message, innerException)
    {
        Flow = flow;
        Structure = structure;
        AvailableStructures = availableStructures;
    }

    /// <summary>The flow asked for.</summary>
    public string Flow { get; }

    /// <summary>The structure asked for, when the problem is a structure.</summary>
    public string? Structure { get; }

    /// <summary>The structures the flow folder does provide (empty when the folder is missing).</summary>
    public IReadOnlyList<string> AvailableStructures { get; }
}
