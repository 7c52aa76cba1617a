using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Chemo.Tests;

/// <summary>
/// Behaviour tests from golden files written from the spec (§6): <c>Golden/&lt;name&gt;.in.hl7</c> with either
/// <c>&lt;name&gt;.out.hl7</c> (the exact normalised output, §4.3) or <c>&lt;name&gt;.error.txt</c> (the transform
/// must refuse the message with that text). Files use LF for readability; the test turns it into CR.
/// </summary>
public sealed class GoldenFileTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestData.GoldenDirectory, "*.in.hl7").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^".in.hl7".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_case_gives_the_expected_output(string name)
    {
        var input = TestData.Parse(File.ReadAllText(Path.Combine(TestData.GoldenDirectory, name + ".in.hl7")));
        var outputFile = Path.Combine(TestData.GoldenDirectory, name + ".out.hl7");
        var errorFile = Path.Combine(TestData.GoldenDirectory, name + ".error.txt");

        if (File.Exists(errorFile))
        {
            var error = Assert.Throws<Hl7TransformException>(() => new ChemoTransformer().Transform(input, TestData.Now));
            Assert.Equal(File.ReadAllText(errorFile).Trim(), error.Message);
            return;
        }

        var expected = TestData.ToCr(File.ReadAllText(outputFile)).TrimEnd('\r');
        var actual = new ChemoTransformer().Transform(input, TestData.Now).Output.EncodeNormalized();
        Assert.Equal(expected.Split('\r'), actual.Split('\r'));
    }

    [Fact]
    public void Every_golden_input_has_an_expected_result_and_the_set_is_not_trivial()
    {
        var inputs = Directory.GetFiles(TestData.GoldenDirectory, "*.in.hl7");
        Assert.True(inputs.Length >= 20, $"only {inputs.Length} golden cases were copied to the output folder");
        foreach (var input in inputs)
        {
            var stem = input[..^".in.hl7".Length];
            Assert.True(File.Exists(stem + ".out.hl7") ^ File.Exists(stem + ".error.txt"), $"{Path.GetFileName(input)} needs exactly one of .out.hl7 / .error.txt");
        }
    }
}
