using System.Text;
using IntegrationHub.Bus.Processing;

namespace IntegrationHub.Bus.Tests.Unit;

public sealed class HandledMarkTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void A_mark_reads_back_as_its_sequence_number(long sequenceNumber)
    {
        var state = HandledMark.Encode(sequenceNumber);

        Assert.Equal($"handled:{sequenceNumber}", Encoding.UTF8.GetString(state));
        Assert.Equal(sequenceNumber, HandledMark.Decode(state));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("handled:")]
    [InlineData("handled:12x")]
    [InlineData("handled: 12")]
    [InlineData("{\"cursor\":12}")]
    public void State_the_processor_did_not_write_marks_nothing(string? state) =>
        Assert.Null(HandledMark.Decode(state is null ? null : Encoding.UTF8.GetBytes(state)));
}
