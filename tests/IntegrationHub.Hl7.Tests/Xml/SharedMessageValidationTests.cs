using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>The shared samples and acceptance inputs against the flow XSDs (spec §3.4–3.5).</summary>
public class SharedMessageValidationTests
{
    public enum Outcome
    {
        Valid,
        Invalid,
        ConfigurationError,
    }

    public static TheoryData<string, string> Samples() => new()
    {
        { "phw-to-mpi.sample.hl7", "phw" },
        { "chemocare-to-mpi.sample.hl7", "chemo" },
        { "pims-to-mpi.sample.hl7", "pims" },
        { "paris-to-mpi.sample.hl7", "paris" },
        { "mosaiq-to-mpi.sample.hl7", "mosaiq" },
    };

    public static TheoryData<string> AcceptanceInputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SharedData.Path("acceptance-inputs", "validation"), "*.in.hl7").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name != "xml_schemaless.in.hl7")
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_flow_sample_is_valid_against_its_flow_schemas(string file, string flow)
    {
        var message = Hl7Message.Parse(SharedData.ReadMessage("samples", file));
        var result = XmlTestData.Validator.Validate(flow, message);
        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.StartsWith($"<ns0:{result.Structure} xmlns:ns0=\"urn:hl7-org:v2xml\"><ns0:MSH>", result.Xml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AcceptanceInputs))]
    public void Acceptance_inputs_have_the_outcome_their_name_states(string file)
    {
        var (flow, expected) = Expectation(file);
        var message = Hl7Message.Parse(SharedData.ReadMessage("acceptance-inputs", "validation", file));
        if (expected == Outcome.ConfigurationError)
        {
            var ex = Assert.Throws<FlowSchemaConfigurationException>(() => XmlTestData.Validator.Validate(flow, message));
            Assert.NotEmpty(ex.AvailableStructures);
            return;
        }

        var result = XmlTestData.Validator.Validate(flow, message);
        Assert.True(expected == Outcome.Valid == result.IsValid, $"{file}: expected {expected}, got {(result.IsValid ? "valid" : result.Error)}");
        Assert.Equal(result.IsValid, result.Error is null);
        if (!result.IsValid)
        {
            Assert.Contains(" (path: /ns0:", result.Error, StringComparison.Ordinal);
            ErrorTextAssert.HoldsNoValueOf(message, result.Error!);
        }
    }

    /// <summary>
    /// The flow is the name's prefix (after <c>xml_</c> for the XML samples); the outcome follows from the words the
    /// name uses, worked out against spec §3.3–3.5: structurally complete messages (including the synthesised
    /// EVN/PV1 cases, chemo's NK1 in the merge group and WDS's optional PV1) are valid; missing required
    /// segments (PID, PV1 with nothing after it, MRG), unknown segments, Z-segments and misplaced NK1 are not; a
    /// structure the flow has no XSD for is a configuration error.
    /// </summary>
    private static (string Flow, Outcome Outcome) Expectation(string file)
    {
        var parts = file.Split('_');
        var flow = parts[0] == "xml" ? parts[1] : parts[0];
        Outcome? outcome = null;
        if (file.Contains("no_schema_for_structure", StringComparison.Ordinal))
        {
            outcome = Outcome.ConfigurationError;
        }
        else if (file.Contains("_validation_failure", StringComparison.Ordinal) || file.Contains("_rejected", StringComparison.Ordinal))
        {
            outcome = Outcome.Invalid;
        }
        else if (new[] { "_successful", "_successfull", "_sucessfull", "_allowed", "_synthesised", "convert_and_validate", "structure_from_trigger", "_pv1_optional", "_sample" }
                 .Any(word => file.Contains(word, StringComparison.Ordinal)))
        {
            outcome = Outcome.Valid;
        }

        Assert.True(outcome.HasValue, $"No expectation can be read from the name '{file}'.");
        return (flow, outcome.Value);
    }
}
