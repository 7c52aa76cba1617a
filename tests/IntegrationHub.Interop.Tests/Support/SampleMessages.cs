namespace IntegrationHub.Interop.Tests.Support;

/// <summary>Real sample messages with a fresh control id (MSH-10) each, so every one can be found on the queue.</summary>
public static class SampleMessages
{
    /// <summary>The PHW sample (CR-separated) with MSH-10 replaced.</summary>
    public static string Phw(string controlId)
    {
        var message = SharedData.ReadMessage("samples", "phw-to-mpi.sample.hl7").TrimEnd('\r');
        var headerEnd = message.IndexOf('\r', StringComparison.Ordinal);
        var fields = message[..headerEnd].Split('|');

        // fields[0] is "MSH" and fields[1] the encoding characters (MSH-2), so MSH-n is fields[n - 1].
        fields[9] = controlId;
        return string.Join('|', fields) + message[headerEnd..];
    }

    public static string NewControlId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
