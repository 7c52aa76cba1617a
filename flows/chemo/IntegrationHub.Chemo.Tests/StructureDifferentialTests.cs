using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Chemo.Tests;

/// <summary>
/// The code-first structures must pass and fail exactly the messages the flow's XSDs pass and fail (spec §3.3–3.5):
/// every chemo message of the shared validation and server acceptance inputs that parses and routes, plus the
/// Chemocare sample. Each also has the verdict the spec gives, so both sides are checked, not only their agreement.
/// </summary>
public sealed class StructureDifferentialTests
{
    // The server's routing table (spec §2.3): only these MSH-9 texts ever reach structural validation.
    private static readonly HashSet<string> RoutedTypes = new(StringComparer.Ordinal)
    {
        "ADT^A31^ADT_A05", "ADT^A28^ADT_A05", "ADT^A40^ADT_A39", "ADT^A31", "ADT^A28", "ADT^A40",
        "ADT^A04^ADT_A01", "ADT^A08^ADT_A01", "ADT^A40^ADT_A40",
    };

    private static readonly Lazy<FlowXmlValidator> Xsd = new(() => new FlowXmlValidator(new FlowSchemaCatalog(TestData.Shared("hl7-schemas"))));

    /// <summary>What the spec says each input gets: true = passes the flow's structure.</summary>
    private static readonly Dictionary<string, bool> SpecVerdicts = new(StringComparer.Ordinal)
    {
        ["validation/chemo_a28_schema_validation_successful"] = true,
        ["validation/chemo_a31_correctly_structured_invalid_data_validation_failure"] = false, // EVN glued to MSH, no PV1
        ["validation/chemo_a31_incorrectly_structured_validation_failure"] = false, // XXX
        ["validation/chemo_a31_schema_validation_successful"] = true, // EVN synthesised
        ["validation/chemo_a39_nk1_allowed"] = true,
        ["validation/chemo_a40_missing_mrg_validation_failure"] = false,
        ["validation/chemo_a40_schema_validation_successful"] = true,
        ["validation/chemo_a40_with_nk1_schema_validation_successful"] = true,
        ["validation/chemo_a40_without_optional_segments_successful"] = true,
        ["validation/chemo_nk1_after_pv1_rejected"] = false,
        ["server/chemo_a28_bcu"] = true,
        ["server/chemo_a28_southeast"] = true,
        ["server/chemo_a28_southwest"] = true,
        ["server/chemo_a28_vel"] = true,
        ["server/chemo_a31_bcu"] = false, // NK1 after PV1
        ["server/chemo_a31_southeast"] = true,
        ["server/chemo_a31_southwest"] = true,
        ["server/chemo_a31_vel"] = true,
        ["server/chemo_a40_merge"] = true,
        ["server/chemo_a40_missing_mrg"] = false,
        ["server/chemo_a40_with_nk1"] = true,
        ["server/chemo_missing_pv1"] = false,
        ["server/chemo_standard_validation_version_mismatch"] = true,
        ["server/chemo_wrong_sending_app"] = true, // rejected by the sending-app rule, not by structure
        ["server/chemo_wrong_version"] = true, // rejected by the version rule, not by structure
        ["server/sample_chemocare_to_mpi"] = true,
        ["samples/chemocare-to-mpi.sample"] = true,
    };

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var (folder, pattern) in new[] { ("validation", "chemo_*.in.hl7"), ("server", "chemo_*.in.hl7"), ("server", "sample_chemocare_to_mpi.in.hl7") })
        {
            foreach (var file in Directory.GetFiles(TestData.Shared("acceptance-inputs", folder), pattern).Order(StringComparer.Ordinal))
            {
                data.Add($"{folder}/{Path.GetFileName(file)[..^".in.hl7".Length]}");
            }
        }

        data.Add("samples/chemocare-to-mpi.sample");
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Code_first_structures_agree_with_the_xsds_and_the_spec(string name)
    {
        var message = Load(name);
        Assert.True(RoutedTypes.Contains(message.Get("MSH-9").Trim()), $"{name} does not route; it cannot reach structural validation");

        var xsd = Xsd.Value.Validate(ChemoFlow.ValidationFlow, message);
        var codeFirst = ChemoStructures.Validation.Validate(message);

        Assert.NotEqual(StructureValidationOutcome.NotConfigured, codeFirst.Outcome);
        Assert.True(
            xsd.IsValid == (codeFirst.Outcome == StructureValidationOutcome.Valid),
            $"{name}: XSD says {(xsd.IsValid ? "valid" : "invalid: " + xsd.Error)}, code-first says {codeFirst.Outcome} {codeFirst.Error}");
        Assert.True(SpecVerdicts.TryGetValue(name, out var expected), $"{name} has no verdict from the spec in this test");
        Assert.Equal(expected, xsd.IsValid);
    }

    [Fact]
    public void Every_verdict_names_an_input_that_exists()
    {
        var inputs = Inputs().Select<object[], string>(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var unknown = SpecVerdicts.Keys.Where(k => !inputs.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, $"verdicts without an input: {string.Join(", ", unknown)}");
    }

    private static Hl7Message Load(string name)
    {
        var path = name.StartsWith("samples/", StringComparison.Ordinal)
            ? TestData.Shared("samples", name["samples/".Length..] + ".hl7")
            : TestData.Shared("acceptance-inputs", name.Split('/')[0], name.Split('/')[1] + ".in.hl7");

        // As an MLLP receiver sees it: CR separators, the trailing separator kept as sent.
        return Hl7Message.Parse(TestData.ReadMessage(path));
    }
}
