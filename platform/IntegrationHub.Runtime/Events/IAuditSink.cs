namespace IntegrationHub.Runtime.Events;

/// <summary>
/// Somewhere events go besides the log: the audit queue that feeds the dashboard's message journey. Writes must
/// not block message processing; a sink that cannot keep up drops and counts rather than stall the flow.
/// </summary>
public interface IAuditSink
{
    void Publish(HubEvent hubEvent);
}
