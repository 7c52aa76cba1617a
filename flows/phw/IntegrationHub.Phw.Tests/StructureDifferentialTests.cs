using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Definitions;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Phw.Tests;

/// <summary>
/// <see cref="PhwStructures.Validation"/> must pass and fail exactly the messages the phw XSDs pass and fail
/// (spec §3.3–3.5 — the XSD behaviour is the reference): every shared PHW validation and server input that parses
/// and routes, the PHW sample, and segment sequences chosen to probe the synthesised EVN/PV1, groups and order.
/// </summary>
public sealed class StructureDifferentialTests
{
    private const string A05Header = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|C1|P|2.5";
    private const string A39Header = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40^ADT_A39|C1|P|2.5";

    // The server's routing table (spec §2.3): only these MSH-9 texts reach validation.
    private static readonly HashSet<string> Routed = new(StringComparer.Ordinal)
    {
        "ADT^A31^ADT_A05", "ADT^A28^ADT_A05", "ADT^A40^ADT_A39", "ADT^A31", "ADT^A28", "ADT^A40",
        "ADT^A04^ADT_A01", "ADT^A08^ADT_A01", "ADT^A40^ADT_A40",
    };

    private static readonly string[] KnownVersions = ["2.1", "2.2", "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2"];

    private static readonly Lazy<FlowXmlValidator> Xsd = new(() => new FlowXmlValidator(new FlowSchemaCatalog(TestFiles.SharedPath("hl7-schemas"))));

    public static TheoryData<string> SharedInputs()
    {
        var files = Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "validation"), "phw_*.in.hl7")
            .Concat(Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "server"), "phw_*.in.hl7"))
            .Append(TestFiles.SharedPath("acceptance-inputs", "validation", "xml_phw_sample.in.hl7"))
            .Append(TestFiles.SharedPath("samples", "phw-to-mpi.sample.hl7"));
        return new(files.Select(f => Path.GetRelativePath(TestFiles.Shared, f)).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Sequences() => new()
    {
        { A05Header, "EVN PID PV1" },
        { A05Header, "PID PV1" },
        { A05Header, "EVN PID" },
        { A05Header, "EVN PID OBX" },
        { A05Header, "EVN PID AL1 DG1" },
        { A05Header, "EVN PID PR1 ROL" },
        { A05Header, "EVN PID IN1" },
        { A05Header, "EVN PID ROL" },
        { A05Header, "EVN PID NK1" },
        { A05Header, "EVN PID ROL PV1 ROL PR1 ROL IN1 IN2 IN3 IN3 ROL ACC UB1 UB2" },
        { A05Header, "SFT SFT EVN PID PD1 ROL NK1 NK1 PV1 PV2 ROL DB1 OBX AL1 DG1 DRG PR1 ROL PR1 GT1 IN1 IN1 IN2" },
        { A05Header, "EVN PID PV1 IN1 PR1" },
        { A05Header, "EVN PID PV1 PR1 GT1 ROL" },
        { A05Header, "EVN SFT PID PV1" },
        { A05Header, "EVN PID PD1 PD1 PV1" },
        { A05Header, "EVN PID NK1 PV1 NK1" },
        { A05Header, "EVN PID PV1 PV2 PV2" },
        { A05Header, "EVN PID PV1 ZXX" },
        { A05Header, "EVN PID PV1 NTE" },
        { A05Header, "EVN PID PID PV1" },
        { A05Header, "EVN EVN PID PV1" },
        { A05Header, "PID EVN PV1" },
        { A05Header, "EVN PID DG1 DRG DRG" },
        { A05Header, "EVN PID PV1 IN2" },
        { A05Header, "EVN PID PV1 MRG" },
        { A05Header, "ZXX EVN PID PV1" },
        { A05Header, "" },
        { A05Header, "PV1 PID" },
        { A39Header, "EVN PID MRG" },
        { A39Header, "PID MRG" },
        { A39Header, "EVN PID PD1 MRG PV1 PID MRG" },
        { A39Header, "EVN PID PD1" },
        { A39Header, "EVN PID MRG PV1 PV1" },
        { A39Header, "EVN PID NK1 MRG" },
        { A39Header, "EVN MRG" },
        { A39Header, "SFT EVN PID MRG" },
        { A39Header, "EVN PID MRG PD1" },
        { A39Header, "EVN PID MRG ZXX" },
        { A39Header, "EVN" },
        { A39Header, "EVN PID MRG OBX" },
        { A39Header, "EVN PID MRG PV1 PID PD1 MRG PV1" },
        { "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40|C1|P|2.5", "EVN PID MRG" },
        { "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28|C1|P|2.5", "EVN PID PV1" },
        { "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40^ADT_A40|C1|P|2.5", "EVN PID MRG" },
        { "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A08^ADT_A01|C1|P|2.5", "EVN PID PV1" },
    };

    [Theory]
    [MemberData(nameof(SharedInputs))]
    public void Code_first_rules_agree_with_the_xsds_on_shared_inputs(string relativePath)
    {
        var raw = File.ReadAllText(Path.Combine(TestFiles.Shared, relativePath));
        var compared = 0;

        // As an MLLP sender with --loose sends it (LF → CR), and as the bytes arrive (only CR separates).
        foreach (var message in new[] { ParseAndRoute(TestFiles.ToCarriageReturns(raw)), ParseAndRoute(raw) })
        {
            if (message is not null)
            {
                AssertSameVerdict(message, relativePath);
                compared++;
            }
        }

        if (relativePath.Contains("sample", StringComparison.Ordinal))
        {
            Assert.True(compared > 0, "the sample must parse and route");
            Assert.Equal(StructureValidationOutcome.Valid, PhwStructures.Validation.Validate(ParseAndRoute(TestFiles.ToCarriageReturns(raw))!).Outcome);
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Code_first_rules_agree_with_the_xsds_on_segment_sequences(string header, string sequence)
    {
        var segments = sequence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => id switch
        {
            "PID" => "PID|||1^^^252^PI||A^B||19990101",
            "EVN" => "EVN||20250505232332",
            "PV1" => "PV1||U",
            _ => id + "|1",
        });
        AssertSameVerdict(Hl7Message.Parse(string.Join('\r', segments.Prepend(header))), sequence);
    }

    /// <summary>
    /// A lone LF inside a segment is data when only CR separates segments (the server's parse). When the EVN or PV1
    /// quirk applies, the code-first rules work on a copy that keeps the original segment boundaries, so the
    /// verdict matches the XSD's.
    /// </summary>
    [Theory]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|C1|P|2.5\rPID|||1||A^B\nZZZ|1\rPV1||U")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|C1|P|2.5\rPID|||1||A^B\nfree text\rPV1||U")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|C1|P|2.5\rEVN||1\rPID|||1||A^B\nNK1|1\rOBX|1")]
    public void Code_first_rules_agree_with_the_xsds_when_a_field_holds_a_line_feed(string text) =>
        AssertSameVerdict(Hl7Message.Parse(text, Hl7ParseOptions.CarriageReturnOnly), "LF inside a field");

    [Fact]
    public void The_shared_inputs_give_the_comparison_both_verdicts_and_enough_cases()
    {
        var verdicts = new List<StructureValidationOutcome>();
        foreach (var relativePath in Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "validation"), "phw_*.in.hl7")
            .Concat(Directory.EnumerateFiles(TestFiles.SharedPath("acceptance-inputs", "server"), "phw_*.in.hl7")))
        {
            if (ParseAndRoute(TestFiles.ToCarriageReturns(File.ReadAllText(relativePath))) is { } message)
            {
                verdicts.Add(PhwStructures.Validation.Validate(message).Outcome);
            }
        }

        Assert.True(verdicts.Count >= 40, $"only {verdicts.Count} shared inputs parse and route");
        Assert.Contains(StructureValidationOutcome.Valid, verdicts);
        Assert.Contains(StructureValidationOutcome.Invalid, verdicts);
    }

    [Fact]
    public void The_flow_knows_exactly_adt_a05_and_adt_a39()
    {
        Assert.Equal(["ADT_A05", "ADT_A39"], Xsd.Value.Catalog.Structures("phw"));
        var a40 = Hl7Message.Parse("MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40^ADT_A40|C1|P|2.5\rEVN||1\rPID|||1\rMRG|2");
        Assert.Equal(StructureValidationOutcome.NotConfigured, PhwStructures.Validation.Validate(a40).Outcome);
    }

    private static void AssertSameVerdict(Hl7Message message, string label)
    {
        var codeFirst = PhwStructures.Validation.Validate(message);
        bool? xsdValid;
        try
        {
            xsdValid = Xsd.Value.Validate(PhwFlow.ValidationFlow, message).IsValid;
        }
        catch (FlowSchemaConfigurationException)
        {
            xsdValid = null;
        }

        var codeFirstValid = codeFirst.Outcome switch
        {
            StructureValidationOutcome.Valid => true,
            StructureValidationOutcome.Invalid => false,
            _ => (bool?)null,
        };
        Assert.True(xsdValid == codeFirstValid, $"{label}: XSD says {Verdict(xsdValid)}, code-first says {Verdict(codeFirstValid)} ({codeFirst.Error})");
    }

    private static string Verdict(bool? valid) => valid switch
    {
        true => "valid",
        false => "invalid",
        null => "not configured",
    };

    // The server's steps before validation (spec §2.3–2.4): CR-only parse, a published version, known segment ids, a routed MSH-9.
    private static Hl7Message? ParseAndRoute(string payload)
    {
        Hl7Message message;
        try
        {
            message = Hl7Message.Parse(payload, Hl7ParseOptions.CarriageReturnOnly);
        }
        catch (Hl7ParseException)
        {
            return null;
        }

        var version = message.Get("MSH-12(1).1");
        if (version.Length > 0 && !KnownVersions.Contains(version))
        {
            return null;
        }

        foreach (var segment in message.Segments)
        {
            if (segment.Id[0] != 'Z' && !Hl7Definitions.SupportedVersions.Any(v => Hl7Definitions.For(v).IsKnownSegment(segment.Id)))
            {
                return null;
            }
        }

        return Routed.Contains(message.Header.GetField(9).Trim()) ? message : null;
    }
}
