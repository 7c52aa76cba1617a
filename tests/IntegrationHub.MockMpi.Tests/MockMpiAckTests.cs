using IntegrationHub.Hl7;

namespace IntegrationHub.MockMpi.Tests;

public class MockMpiAckTests
{
    private static readonly DateTime Now = new(2025, 7, 2, 8, 55, 0, DateTimeKind.Local);

    // The acceptance inputs of shared/acceptance-inputs/mock_receiver, with the expected §17.1 answers.
    [Theory]
    [InlineData(
        "MSH|^~\\&|103|103|200|200|20250702085450||ADT^A28^ADT_A05|73726643|P|2.5|||||GBR||EN\rEVN||20250702085440\rPID|||1^^^NHS^NH||A^B\rPV1||N",
        "MSH|^~\\&|200|200|103|103|20250702085500||ACK^A28^ACK|73726643|P|2.5\rMSA|AA|73726643\r")]
    [InlineData(
        "MSH|^~\\&|X|X|Y|Y|20250101||ORU^R01^ORU_R01|CTL9|T|2.5\rPID|||1||A^B",
        "MSH|^~\\&|Y|Y|X|X|20250702085500||ACK^R01^ACK|CTL9|P|2.5\rMSA|AA|CTL9\r")]
    [InlineData(
        "MSH|^~\\&|103|103|200|200|20250702085450||ADT^A31^ADT_A05|xfailx|P|2.5\rPID|||1^^^NHS^NH||A^B",
        "MSH|^~\\&|200|200|103|103|20250702085500||ACK^A31^ACK|xfailx|P|2.5\rMSA|AE|xfailx\r")]
    [InlineData(
        "MSH|^~\\&|103|103|200|200|20250702085450||ADT^A28^ADT_A05|FAILME1|P|2.5\rPID|||1^^^NHS^NH||FAIL^B",
        "MSH|^~\\&|200|200|103|103|20250702085500||ACK^A28^ACK|FAILME1|P|2.5\rMSA|AE|FAILME1\r")]
    public void Acceptance_inputs_get_the_spec_answer(string inbound, string expected)
    {
        var message = MockMpiAck.TryParse(inbound);
        Assert.NotNull(message);
        Assert.Equal(expected, MockMpiAck.Build(message, MockMpiAck.ContentVerdict(inbound), Now));
    }

    [Fact]
    public void Processing_id_is_P_even_when_the_inbound_is_empty_or_debug()
    {
        var message = MockMpiAck.TryParse("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|C1|D|2.4\r");
        Assert.Equal("MSH|^~\\&|C|D|A|B|20250702085500||ACK^A01^ACK|C1|P|2.4\rMSA|AR|C1\r", MockMpiAck.Build(message, Hl7AckCode.AR, Now));
        var empty = MockMpiAck.TryParse("MSH|^~\\&|A|B|C|D|20250101||ADT^A01|C2||2.4\r");
        Assert.StartsWith("MSH|^~\\&|C|D|A|B|20250702085500||ACK^A01^ACK|C2|P|2.4\r", MockMpiAck.Build(empty, Hl7AckCode.AA, Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not hl7 at all")]
    [InlineData("")]
    public void Unparseable_message_gets_the_fixed_NACK(string inbound)
    {
        Assert.Null(MockMpiAck.TryParse(inbound));
        Assert.Equal(MockMpiAck.FallbackNack, MockMpiAck.Build(null, Hl7AckCode.AA, Now));
    }

    [Theory]
    [InlineData(1, "ABC-1_2.x", "000001-ABC-1_2.x.hl7")]
    [InlineData(42, "a/b\\c:d*e", "000042-a_b_c_d_e.hl7")]
    [InlineData(7, "", "000007-UNKNOWN.hl7")]
    [InlineData(8, "..", "000008-UNKNOWN.hl7")]
    [InlineData(1234567, "X", "1234567-X.hl7")]
    public void File_names_carry_arrival_order_and_a_safe_control_id(long sequence, string controlId, string expected) =>
        Assert.Equal(expected, MockMpiRecorder.FileNameFor(sequence, controlId));
}
