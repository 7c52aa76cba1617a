namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>
/// Who this service is, as every event, metric and store record of the existing system names it
/// (spec §2.1, §11, §12), plus the settings every service shares.
/// </summary>
public sealed class ServiceIdentitySettings : ServiceSettings
{
    public string WorkflowId { get; private set; } = string.Empty;

    public string MicroserviceId { get; private set; } = string.Empty;

    public string HealthBoard { get; private set; } = string.Empty;

    public string PeerService { get; private set; } = string.Empty;

    /// <summary>Patient data in logged message content is masked unless HL7_LOG_REDACTION_ENABLED is false/0/no/off.</summary>
    public bool RedactPatientData { get; private set; } = true;

    /// <summary>
    /// Events go to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING set): their log message is then exactly
    /// "Integration Hub Event", as the NOC dashboard's queries match it (spec §11.2); otherwise the line carries the
    /// event's fields too, as the existing system's local fallback did.
    /// </summary>
    public bool EventsToAzureMonitor { get; private set; }

    public string HealthCheckHost { get; private set; } = "127.0.0.1";

    /// <summary>0 disables the probe (tests); the existing system's default is 9000.</summary>
    public int HealthCheckPort { get; private set; } = 9000;

    protected override void Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        WorkflowId = reader.Required("WORKFLOW_ID");
        MicroserviceId = reader.Required("MICROSERVICE_ID");
        HealthBoard = reader.Optional("HEALTH_BOARD") ?? string.Empty;
        PeerService = reader.Optional("PEER_SERVICE") ?? string.Empty;
        RedactPatientData = reader.OnUnless("HL7_LOG_REDACTION_ENABLED", "false", "0", "no", "off");
        EventsToAzureMonitor = !string.IsNullOrWhiteSpace(reader.Optional("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        HealthCheckHost = reader.Optional("HEALTH_CHECK_HOST") ?? "127.0.0.1";
        HealthCheckPort = reader.Port("HEALTH_CHECK_PORT", 9000, allowZero: true);
        var logLevel = reader.Optional("LOG_LEVEL");
        if (logLevel is not null && !LogLevels.TryParse(logLevel, out _))
        {
            reader.Fail($"LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, CRITICAL (got '{logLevel}')");
        }
    }
}
