using System.Text;
using IntegrationHub.Runtime.Sender;

namespace IntegrationHub.Runtime.Tests.Sender;

public class AckEvaluationTests
{
    [Theory]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK^A28^ACK|X|P|2.5\rMSA|AA|X", true, "AA")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK^A28^ACK|X|P|2.5\rMSA|CA|X\r", true, "CA")]
    [InlineData("\vMSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|AA|X\r\x1c\r", true, "AA")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|AE|X", false, "AE")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|AR|X", false, "AR")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|CE|X", false, "CE")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ACK|X|P|2.5\rMSA|CR|X", false, "CR")]
    [InlineData("MSH|^~\\&|A|B|C|D|1||ADT^A28|X|P|2.5\rPID|1", false, null)]
    [InlineData("", false, null)]
    [InlineData("garbage", false, null)]
    public void Only_AA_and_CA_are_success(string response, bool positive, string? code)
    {
        var verdict = AckEvaluation.Evaluate(Encoding.UTF8.GetBytes(response));

        Assert.Equal(positive, verdict.IsPositive);
        Assert.Equal(code, verdict.Code);
    }
}
