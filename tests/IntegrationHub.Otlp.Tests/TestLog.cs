using Microsoft.Extensions.Logging;

namespace IntegrationHub.Otlp.Tests;

/// <summary>Log calls shaped like the services' own (source-generated, structured).</summary>
internal static partial class TestLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {ControlId} rejected after {Attempts} attempts")]
    public static partial void Rejected(ILogger logger, string controlId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Send to {Destination} failed")]
    public static partial void SendFailed(ILogger logger, Exception exception, string destination);

    [LoggerMessage(Message = "Level check {Marker}")]
    public static partial void AtLevel(ILogger logger, LogLevel level, string marker);
}
