using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Pims.Tests;

/// <summary>
/// The golden files in <c>Golden/</c>, authored from spec §7 with placeholder data: each <c>name.in.hl7</c> has
/// either the expected output <c>name.out.hl7</c> (one segment per line) or <c>name.error.txt</c> naming the
/// field whose refusal the transform must report.
/// </summary>
public class GoldenFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden");

    public static TheoryData<string> Cases() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Folder, "*.in.hl7").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".in.hl7".Length]);

    [Fact]
    public void Every_golden_input_has_exactly_one_expectation()
    {
        foreach (var name in Names())
        {
            var outputs = File.Exists(Path.Combine(Folder, name + ".out.hl7"));
            var errors = File.Exists(Path.Combine(Folder, name + ".error.txt"));
            Assert.True(outputs ^ errors, $"{name}: needs exactly one of .out.hl7 and .error.txt");
        }

        Assert.True(Names().Count() >= 40);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Golden_file(string name)
    {
        var input = File.ReadAllText(Path.Combine(Folder, name + ".in.hl7")).TrimEnd('\n');
        var expectedOutput = Path.Combine(Folder, name + ".out.hl7");
        if (File.Exists(expectedOutput))
        {
            var expected = SharedData.ToCr(File.ReadAllText(expectedOutput).TrimEnd('\n'));
            var actual = Pims.Transform(input);
            Assert.Equal(expected.Split('\r'), actual.Split('\r'));
            return;
        }

        var field = File.ReadAllText(Path.Combine(Folder, name + ".error.txt")).Trim();
        var error = Assert.Throws<Hl7TransformException>(() => Pims.Transform(input));
        Assert.Contains($"Invalid datetime format after timezone removal in {field}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Expected format: YYYYMMDD (8 digits) or YYYYMMDDHHMMSS (14 digits)", error.Message, StringComparison.Ordinal);
        PatientData.AssertNotQuoted(Hl7Message.Parse(SharedData.ToCr(input)), error.Message);
    }
}
