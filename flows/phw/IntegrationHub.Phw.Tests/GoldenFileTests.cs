using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw.Tests;

/// <summary>
/// Behaviour of the PHW transformer as golden files authored from spec §5: <c>NAME.in.hl7</c> with either
/// <c>NAME.out.hl7</c> (the normalised output) and <c>NAME.audit.txt</c> (the MESSAGE_PROCESSED text), or
/// <c>NAME.error.txt</c> (text the refusal must contain).
/// </summary>
public sealed class GoldenFileTests
{
    /// <summary>The "now" every golden file with an empty MSH-7 expects: 20260102030405.</summary>
    internal static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

    public static TheoryData<string> Cases() => new(Names());

    private static List<string> Names() =>
        [.. Directory.EnumerateFiles(TestFiles.GoldenDirectory, "*.in.hl7").Select(f => Path.GetFileName(f)[..^".in.hl7".Length]).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_golden_input_has_an_expectation_and_there_are_enough_of_them()
    {
        var names = Names();
        Assert.True(names.Count >= 40, $"only {names.Count} golden files");
        foreach (var name in names)
        {
            var hasOutput = File.Exists(GoldenPath(name, ".out.hl7"));
            var hasError = File.Exists(GoldenPath(name, ".error.txt"));
            Assert.True(hasOutput ^ hasError, $"{name}: needs exactly one of .out.hl7 and .error.txt");
            Assert.Equal(hasOutput, File.Exists(GoldenPath(name, ".audit.txt")));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transform_matches_golden_file(string name)
    {
        var input = Hl7Message.Parse(TestFiles.ReadHl7(GoldenPath(name, ".in.hl7")));
        var transformer = new PhwTransformer();

        if (File.Exists(GoldenPath(name, ".error.txt")))
        {
            var expected = File.ReadAllText(GoldenPath(name, ".error.txt")).Trim();
            var error = Assert.Throws<Hl7TransformException>(() => transformer.Transform(input, Now));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            AssertQuotesNoValue(input, error.Message);
            return;
        }

        var result = transformer.Transform(input, Now);
        var expectedOutput = TestFiles.ReadHl7(GoldenPath(name, ".out.hl7")).TrimEnd('\r');
        Assert.Equal(expectedOutput, result.Output.EncodeNormalized());
        Assert.Equal(File.ReadAllText(GoldenPath(name, ".audit.txt")).TrimEnd('\r', '\n'), result.AuditText);
    }

    private static void AssertQuotesNoValue(Hl7Message input, string message)
    {
        var dateTime = input.Get("MSH-7(1).1");
        if (dateTime.Trim().Length > 0)
        {
            Assert.DoesNotContain(dateTime.Trim(), message, StringComparison.Ordinal);
        }

        foreach (var value in new[] { input.Get("PID-3(1).1"), input.Get("PID-5(1).1"), input.Get("PID-7") })
        {
            if (value.Length > 0)
            {
                Assert.DoesNotContain(value, message, StringComparison.Ordinal);
            }
        }
    }

    private static string GoldenPath(string name, string suffix) => Path.Combine(TestFiles.GoldenDirectory, name + suffix);
}
