using Microsoft.Extensions.Configuration;

namespace IntegrationHub.MockMpi.Tests;

public class MockMpiOptionsTests
{
    private static MockMpiOptions Read(params (string Key, string Value)[] values) =>
        MockMpiOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_are_the_reference_mock_s()
    {
        var options = Read();
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(2576, options.Port);
        Assert.Null(options.HttpPort);
        Assert.Null(options.OutputDirectory);
        Assert.True(options.KeepConnectionOpen);
        Assert.Equal(MockMpiBehaviour.Default, options.Behaviour);
    }

    [Fact]
    public void Reference_names_work_and_MOCK_MPI_names_win()
    {
        Assert.Equal(3000, Read(("PORT", "3000")).Port);
        Assert.Equal("0.0.0.0", Read(("HOST", "0.0.0.0")).Host);
        var both = Read(("PORT", "3000"), ("MOCK_MPI_PORT", "4000"), ("HOST", "0.0.0.0"), ("MOCK_MPI_HOST", "127.0.0.2"));
        Assert.Equal(4000, both.Port);
        Assert.Equal("127.0.0.2", both.Host);
    }

    [Fact]
    public void Failure_modes_come_from_the_environment()
    {
        var options = Read(("MOCK_MPI_MODE", "late"), ("MOCK_MPI_DELAY_MS", "1500"), ("MOCK_MPI_FAIL_EVERY", "3"), ("MOCK_MPI_FAIL_MODE", "close"),
            ("MOCK_MPI_HTTP_PORT", "0"), ("MOCK_MPI_KEEP_ALIVE", "false"), ("MOCK_MPI_OUTPUT_DIR", "/tmp/x"));
        Assert.Equal(new MockMpiBehaviour(MockMpiMode.Late, TimeSpan.FromMilliseconds(1500), 3, MockMpiMode.Close), options.Behaviour);
        Assert.Equal(0, options.HttpPort);
        Assert.False(options.KeepConnectionOpen);
        Assert.Equal("/tmp/x", options.OutputDirectory);
        Assert.Equal(MockMpiMode.Close, options.Behaviour.ModeFor(6));
        Assert.Equal(MockMpiMode.Late, options.Behaviour.ModeFor(7));
    }

    [Theory]
    [InlineData("PORT", "abc")]
    [InlineData("MOCK_MPI_PORT", "70000")]
    [InlineData("MOCK_MPI_MODE", "explode")]
    [InlineData("MOCK_MPI_FAIL_MODE", "sometimes")]
    [InlineData("MOCK_MPI_DELAY_MS", "-5")]
    [InlineData("MOCK_MPI_KEEP_ALIVE", "perhaps")]
    [InlineData("MAX_MESSAGE_SIZE_BYTES", "104857601")]
    public void A_bad_value_names_its_variable(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read((name, value)));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
