using System.Globalization;
using IntegrationHub.Mllp;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.MockMpi;

/// <summary>
/// Settings from the environment. The MLLP side keeps the reference mock's names (spec §17.1: <c>HOST</c>,
/// <c>PORT</c> default 2576); <c>MOCK_MPI_*</c> names win when both are set so an orchestrator can address the mock
/// without clashing with a generic <c>PORT</c>.
/// </summary>
public sealed class MockMpiOptions
{
    /// <summary>The reference mock's port.</summary>
    public const int DefaultPort = 2576;

    /// <summary>MLLP bind address (<c>MOCK_MPI_HOST</c> / <c>HOST</c>, default 127.0.0.1).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>MLLP port (<c>MOCK_MPI_PORT</c> / <c>PORT</c>, default 2576; 0 = a free port).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Where one file per message goes (<c>MOCK_MPI_OUTPUT_DIR</c>); none when empty.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>HTTP listing/control port on loopback (<c>MOCK_MPI_HTTP_PORT</c>): null = no HTTP endpoint, 0 = a free port.</summary>
    public int? HttpPort { get; set; }

    /// <summary>HTTP bind address (<c>MOCK_MPI_HTTP_HOST</c>, default 127.0.0.1).</summary>
    public string HttpHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// True (default, <c>MOCK_MPI_KEEP_ALIVE</c>): connections stay open like a real MPI's. False: one message per
    /// connection like the reference mock.
    /// </summary>
    public bool KeepConnectionOpen { get; set; } = true;

    /// <summary>Frame size limit (<c>MAX_MESSAGE_SIZE_BYTES</c>; unset or ≤ 0 → 100 MiB: the mock accepts anything the hub can send).</summary>
    public int MaxMessageBytes { get; set; } = MllpFrameReaderOptions.MaxAllowedFrameBytes;

    /// <summary>The failure behaviour at start (<c>MOCK_MPI_MODE</c>, <c>MOCK_MPI_DELAY_MS</c>, <c>MOCK_MPI_FAIL_EVERY</c>, <c>MOCK_MPI_FAIL_MODE</c>).</summary>
    public MockMpiBehaviour Behaviour { get; set; } = MockMpiBehaviour.Default;

    /// <summary>The reference's bus forwarding queue (<c>EGRESS_QUEUE_NAME</c>); read only to say it is not used.</summary>
    public string? EgressQueueName { get; set; }

    /// <summary>Reads the variables; a bad value throws <see cref="InvalidOperationException"/> naming the variable.</summary>
    public static MockMpiOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Text(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

        var options = new MockMpiOptions
        {
            Host = Text("MOCK_MPI_HOST") ?? Text("HOST") ?? "127.0.0.1",
            OutputDirectory = Text("MOCK_MPI_OUTPUT_DIR"),
            HttpHost = Text("MOCK_MPI_HTTP_HOST") ?? "127.0.0.1",
            EgressQueueName = Text("EGRESS_QUEUE_NAME"),
        };

        var portName = Text("MOCK_MPI_PORT") is null ? "PORT" : "MOCK_MPI_PORT";
        options.Port = ReadPort(portName, Text(portName)) ?? DefaultPort;
        options.HttpPort = ReadPort("MOCK_MPI_HTTP_PORT", Text("MOCK_MPI_HTTP_PORT"));

        var keepAlive = Text("MOCK_MPI_KEEP_ALIVE");
        if (keepAlive is not null)
        {
            options.KeepConnectionOpen = bool.TryParse(keepAlive, out var parsed)
                ? parsed
                : throw Invalid("MOCK_MPI_KEEP_ALIVE", keepAlive, "true or false");
        }

        var maxSize = Integer("MAX_MESSAGE_SIZE_BYTES", Text("MAX_MESSAGE_SIZE_BYTES"));
        if (maxSize > MllpFrameReaderOptions.MaxAllowedFrameBytes)
        {
            throw Invalid("MAX_MESSAGE_SIZE_BYTES", maxSize.ToString()!, $"at most {MllpFrameReaderOptions.MaxAllowedFrameBytes}");
        }

        options.MaxMessageBytes = maxSize is > 0 ? (int)maxSize : MllpFrameReaderOptions.MaxAllowedFrameBytes;
        options.Behaviour = ReadBehaviour(Text);
        return options;
    }

    private static MockMpiBehaviour ReadBehaviour(Func<string, string?> text)
    {
        var behaviour = MockMpiBehaviour.Default;
        if (text("MOCK_MPI_MODE") is { } mode)
        {
            behaviour = behaviour with { Mode = MockMpiBehaviour.TryParseMode(mode, out var parsed) ? parsed : throw Invalid("MOCK_MPI_MODE", mode, "normal, ae, ar, silent, late or close") };
        }

        if (Integer("MOCK_MPI_DELAY_MS", text("MOCK_MPI_DELAY_MS")) is { } delay)
        {
            behaviour = behaviour with { Delay = delay >= 0 ? TimeSpan.FromMilliseconds(delay) : throw Invalid("MOCK_MPI_DELAY_MS", text("MOCK_MPI_DELAY_MS")!, "0 or more") };
        }

        if (Integer("MOCK_MPI_FAIL_EVERY", text("MOCK_MPI_FAIL_EVERY")) is { } every)
        {
            behaviour = behaviour with { FailEvery = every is >= 0 and <= int.MaxValue ? (int)every : throw Invalid("MOCK_MPI_FAIL_EVERY", text("MOCK_MPI_FAIL_EVERY")!, "0 (off) or more") };
        }

        if (text("MOCK_MPI_FAIL_MODE") is { } failMode)
        {
            behaviour = behaviour with { FailMode = MockMpiBehaviour.TryParseMode(failMode, out var parsed) ? parsed : throw Invalid("MOCK_MPI_FAIL_MODE", failMode, "ae, ar, silent, late or close") };
        }

        return behaviour;
    }

    private static int? ReadPort(string name, string? value)
    {
        var number = Integer(name, value);
        return number is null or (>= 0 and <= 65535) ? (int?)number : throw Invalid(name, value!, "a port number 0-65535");
    }

    private static long? Integer(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid(name, value, "an integer");
    }

    private static InvalidOperationException Invalid(string name, string value, string expected) =>
        new($"Invalid configuration: {name}='{value}' (expected {expected}).");
}
