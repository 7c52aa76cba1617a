using Microsoft.Extensions.Logging;

namespace IntegrationHub.Otlp;

internal static partial class OtlpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected an OTLP {Signal} request without the right API key")]
    public static partial void Unauthorized(ILogger logger, string signal);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Rejected an OTLP {Signal} request with status {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, string signal, int status, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A handler of received log records failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
