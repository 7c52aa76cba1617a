using IntegrationHub.Testing;

namespace IntegrationHub.Flows.Tests.Support;

/// <summary>The shared test data (samples, acceptance inputs, schemas) as a source system sends it.</summary>
internal static class SharedFiles
{
    public static string PathOf(params string[] parts) => SharedData.Path(parts);

    /// <summary>A message file as a source system sends it (<c>mllp_send --loose</c>, spec §21.1).</summary>
    public static string ReadMessage(params string[] parts) => AsSent(File.ReadAllText(SharedData.Path(parts)));

    public static string Sample(string workflowId) => ReadMessage("samples", workflowId + ".sample.hl7");

    public static string AcceptanceInput(string flow, string name) => ReadMessage("acceptance-inputs", flow, name + ".in.hl7");

    /// <summary>
    /// LF and CRLF separators become CR and trailing whitespace of the whole message goes, as the reference's
    /// sending tool does; whitespace inside segments (the PIMS sample has some) is kept.
    /// </summary>
    public static string AsSent(string text) => SharedData.ToCr(text).TrimEnd();
}
