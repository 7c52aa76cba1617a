using System.Net;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Mllp;

/// <summary>
/// Every log line of this library. None carries message content — HL7 payloads hold patient data — only sizes,
/// endpoints, timings and outcomes.
/// </summary>
internal static partial class MllpLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "MLLP listener started on {EndPoint} (TLS {Tls}, mutual TLS {MutualTls}, max frame {MaxFrameBytes} bytes, max connections {MaxConnections}, keep-alive {KeepAlive})")]
    public static partial void ListenerStarted(ILogger logger, EndPoint endPoint, bool tls, bool mutualTls, int maxFrameBytes, int maxConnections, bool keepAlive);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "MLLP listener on {EndPoint} stopped ({Remaining} connections cut short)")]
    public static partial void ListenerStopped(ILogger logger, EndPoint endPoint, int remaining);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Connection {ConnectionId} from {RemoteEndPoint} refused: {Active} connections already open (cap {MaxConnections})")]
    public static partial void ConnectionCapReached(ILogger logger, long connectionId, EndPoint? remoteEndPoint, int active, int maxConnections);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Connection {ConnectionId} from {RemoteEndPoint} opened")]
    public static partial void ConnectionOpened(ILogger logger, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Connection {ConnectionId} closed after {Frames} frames: {Outcome}")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, int frames, string outcome);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Message size ({ByteCount} bytes) exceeds maximum allowed size ({MaxFrameBytes} bytes). Connection will be closed. Connection {ConnectionId} from {RemoteEndPoint}")]
    public static partial void FrameTooLarge(ILogger logger, long byteCount, int maxFrameBytes, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Connection {ConnectionId} from {RemoteEndPoint} closed without a reply: {Reason} after {ByteCount} bytes")]
    public static partial void FrameRejected(ILogger logger, long connectionId, EndPoint? remoteEndPoint, MllpReadStatus reason, long byteCount);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Connection {ConnectionId} frame {Sequence}: {FrameBytes} bytes in, {ResponseBytes} bytes out, {ElapsedMs} ms")]
    public static partial void FrameHandled(ILogger logger, long connectionId, int sequence, int frameBytes, int responseBytes, double elapsedMs);

    // Handler exceptions are logged by type and stack only: their messages may quote the message being handled.
    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Handler failed with {ExceptionType} on connection {ConnectionId} frame {Sequence} ({FrameBytes} bytes); connection closed without a reply. {StackTrace}")]
    public static partial void HandlerFailed(ILogger logger, string exceptionType, long connectionId, int sequence, int frameBytes, string? stackTrace);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "TLS handshake with {RemoteEndPoint} failed on connection {ConnectionId}: {Error}")]
    public static partial void TlsHandshakeFailed(ILogger logger, long connectionId, EndPoint? remoteEndPoint, string error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Connection {ConnectionId} ended by an I/O error: {Error}")]
    public static partial void ConnectionError(ILogger logger, long connectionId, string error);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Accepting MLLP connections on {EndPoint} failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception, EndPoint endPoint);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Rejection handler failed with {ExceptionType} on connection {ConnectionId}. {StackTrace}")]
    public static partial void RejectionHandlerFailed(ILogger logger, string exceptionType, long connectionId, string? stackTrace);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "MLLP client connected to {Host}:{Port} in {ElapsedMs} ms (TLS {Tls})")]
    public static partial void ClientConnected(ILogger logger, string host, int port, double elapsedMs, bool tls);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "MLLP client could not connect to {Host}:{Port}: {Error}")]
    public static partial void ClientConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "MLLP peer {Host}:{Port} closed the connection; reconnecting before sending")]
    public static partial void ClientPeerClosed(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "MLLP client sent {FrameBytes} bytes to {Host}:{Port}: {Status}, {ResponseBytes} bytes back in {ElapsedMs} ms")]
    public static partial void ClientExchange(ILogger logger, int frameBytes, string host, int port, MllpSendStatus status, int responseBytes, double elapsedMs);
}
