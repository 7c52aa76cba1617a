using IntegrationHub.Hl7.Xml;
using static IntegrationHub.Hl7.Tests.Xml.XmlTestData;

namespace IntegrationHub.Hl7.Tests.Xml;

/// <summary>Targeted breakages (spec §3.4): what fails, the reason naming the element, and no value in the text.</summary>
public class FlowXmlValidatorTests
{
    private const string Msh = "MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|X|P|2.5\n";
    private const string Evn = "EVN||20250505\n";
    private const string Pid = "PID|||8888888^^^252^PI||SURNAME^FORENAME||19990101\n";
    private const string A40 = "MSH|^~\\&|212|212|200|200|20250701140735||ADT^A40|X|P|2.5\nEVN||20250701140735\n";

    [Fact]
    public void A_complete_message_is_valid()
    {
        var result = Validate("phw", Msh + Evn + Pid + "PD1|||^^W00000^|G999999\nPV1||U");
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("phw", result.Flow);
        Assert.Equal("ADT_A05", result.Structure);
    }

    [Fact]
    public void A_missing_pv1_fails_on_the_root()
    {
        var result = Validate("phw", Msh + Evn + Pid);
        AssertInvalid(result, "PV1", "(path: /ns0:ADT_A05)");
    }

    [Fact]
    public void A_z_segment_fails_and_is_named()
    {
        var result = Validate("phw", Msh + Evn + Pid + "PV1||U\nZXX|SECRETVALUE");
        AssertInvalid(result, "'ZXX'", "(path: /ns0:ADT_A05/ns0:ZXX[1])");
    }

    [Fact]
    public void An_nte_is_not_part_of_the_structure()
    {
        var result = Validate("phw", Msh + Evn + Pid + "PV1||U\nNTE|1||COMMENT TEXT");
        AssertInvalid(result, "'NTE'", "(path: /ns0:ADT_A05/ns0:NTE[1])");
    }

    [Fact]
    public void A_second_pid_fails()
    {
        var result = Validate("phw", Msh + Evn + Pid + Pid + "PV1||U");
        AssertInvalid(result, "'PID'", "(path: /ns0:ADT_A05/ns0:PID[2])");
    }

    [Fact]
    public void Nk1_after_pv1_fails()
    {
        var result = Validate("chemo", Msh.Replace("2.5", "2.4", StringComparison.Ordinal) + Evn + Pid + "PV1||U\nNK1|1|JONES^BARBARA|WIFE");
        AssertInvalid(result, "'NK1'", "(path: /ns0:ADT_A05/ns0:NK1[1])");
    }

    [Fact]
    public void Nk1_in_the_a39_merge_group_fails_for_phw_but_is_allowed_for_chemo()
    {
        const string Body = "PID|||1^^^252^PI||SURNAME^FORENAME\nNK1|1|JONES^BARBARA|WIFE\nMRG|2^^^252^PI";
        var phw = Validate("phw", A40 + Body);
        AssertInvalid(phw, "'ADT_A39.PATIENT'", "(path: /ns0:ADT_A39/ns0:ADT_A39.PATIENT[1])");
        Assert.Contains("MRG", phw.Error, StringComparison.Ordinal);

        var chemo = Validate("chemo", A40 + Body);
        Assert.True(chemo.IsValid, chemo.Error);
        Assert.Contains("<ns0:ADT_A39.PATIENT><ns0:PID>", chemo.Xml, StringComparison.Ordinal);
        Assert.Contains("</ns0:NK1><ns0:MRG>", chemo.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mrg_fails_in_the_merge_group()
    {
        var result = Validate("phw", A40 + "PID|||1^^^252^PI||SURNAME^FORENAME\nPV1||U");
        AssertInvalid(result, "'PV1'", "(path: /ns0:ADT_A39/ns0:ADT_A39.PATIENT[1]/ns0:PV1[1])");
        Assert.Contains("MRG", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_patient_group_is_a_new_group_instance()
    {
        var result = Validate("phw", A40 + "PID|||1^^^252^PI||A^B\nMRG|2^^^252^PI\nPID|||3^^^252^PI||C^D\nMRG|4^^^252^PI");
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(2, result.Xml.Split("<ns0:ADT_A39.PATIENT>").Length - 1);
    }

    [Fact]
    public void A_missing_pid_fails()
    {
        var result = Validate("phw", Msh + Evn + "PD1|||^^W00000^|G999999\nPV1||U");
        AssertInvalid(result, "'PD1'", "(path: /ns0:ADT_A05/ns0:PD1[1])");
    }

    [Fact]
    public void Evn_and_pv1_are_synthesised_where_the_structure_needs_them()
    {
        var noEvn = Validate("phw", Msh + Pid + "PV1||U");
        Assert.True(noEvn.IsValid, noEvn.Error);
        Assert.Contains("</ns0:MSH><ns0:EVN><ns0:EVN.2><ns0:TS.1>20250505</ns0:TS.1><ns0:TS.2 /></ns0:EVN.2></ns0:EVN><ns0:PID>", noEvn.Xml, StringComparison.Ordinal);

        var obxFirst = Validate("phw", Msh + Evn + Pid + "AL1|1||PENICILLIN");
        Assert.True(obxFirst.IsValid, obxFirst.Error);
        Assert.Contains("</ns0:PID><ns0:PV1><ns0:PV1.2>U</ns0:PV1.2></ns0:PV1><ns0:AL1>", obxFirst.Xml, StringComparison.Ordinal);

        // PV1 is optional for WDS (inside ADT_A05.VISIT): nothing is synthesised there.
        var wds = Validate("wds", Msh + Evn + Pid + "OBX|1|ST|X||Y");
        Assert.True(wds.IsValid, wds.Error);
        Assert.DoesNotContain("PV1", wds.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_hold_values_even_for_data_type_failures()
    {
        // The shared XSDs have no facets; a copy with a pattern on ID (no apostrophes) makes the validator report a value.
        var root = Directory.CreateTempSubdirectory("facets");
        try
        {
            var flow = Directory.CreateDirectory(Path.Combine(root.FullName, "strict"));
            foreach (var file in Directory.EnumerateFiles(SharedData.Path("hl7-schemas", "phw"), "*.xsd"))
            {
                File.Copy(file, Path.Combine(flow.FullName, Path.GetFileName(file)));
            }

            var types = Path.Combine(flow.FullName, "2_5_types.xsd");
            var text = File.ReadAllText(types);
            var start = text.IndexOf("<xsd:simpleType name=\"ID\">", StringComparison.Ordinal);
            var restriction = text.IndexOf("<xsd:restriction base=\"xsd:string\"/>", start, StringComparison.Ordinal);
            Assert.True(start >= 0 && restriction > start);
            text = string.Concat(text.AsSpan(0, restriction), "<xsd:restriction base=\"xsd:string\"><xsd:pattern value=\"[^']*\"/></xsd:restriction>", text.AsSpan(restriction + "<xsd:restriction base=\"xsd:string\"/>".Length));
            File.WriteAllText(types, text);

            var validator = new FlowXmlValidator(new FlowSchemaCatalog(root.FullName));
            var message = Message(Msh + Evn + Pid + "PV1||U");
            message.Set("MSH-17", "O'SECRET'S");
            var result = validator.Validate("strict", message);
            AssertInvalid(result, "'MSH.17'", "(path: /ns0:ADT_A05/ns0:MSH[1]/ns0:MSH.17[1])");
            Assert.DoesNotContain("SECRET", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_reason_is_cut_at_the_first_quoted_text_that_is_not_a_schema_name()
    {
        var schema = Catalog.Get("phw", "ADT_A05");
        Assert.Equal(
            "The element 'PID' in namespace 'urn:hl7-org:v2xml' has invalid child element 'ZXX'. Expected 'PID.1, PID.2' or 'urn:hl7-org:v2xml:PID.3'.",
            ValidationErrorText.WithholdUnknownQuotes("The element 'PID' in namespace 'urn:hl7-org:v2xml' has invalid child element 'ZXX'. Expected 'PID.1, PID.2' or 'urn:hl7-org:v2xml:PID.3'.", schema, ["PID", "ZXX"]));
        Assert.Equal(
            "The element 'PID' has value '…'",
            ValidationErrorText.WithholdUnknownQuotes("The element 'PID' has value 'O'BRIEN' in 'PID'.", schema, ["PID"]));
        Assert.Equal(
            "Bad '…'",
            ValidationErrorText.WithholdUnknownQuotes("Bad 'SMITH", schema, []));
    }

    [Fact]
    public void Validating_from_many_threads_gives_the_same_results()
    {
        var valid = Message(File.ReadAllText(SharedData.Path("samples", "phw-to-mpi.sample.hl7")));
        var invalid = Message(Msh + Evn + Pid);
        var expectedValid = Validator.Validate("phw", valid);
        var expectedInvalid = Validator.Validate("phw", invalid);
        Parallel.For(0, 400, i =>
        {
            var result = i % 2 == 0 ? Validator.Validate("phw", valid) : Validator.Validate("phw", invalid);
            Assert.Equal(i % 2 == 0 ? expectedValid : expectedInvalid, result);
        });
    }

    [Fact]
    public void A_message_without_structure_or_trigger_cannot_be_validated()
    {
        Assert.Throws<Hl7StructureException>(() => Validate("phw", "MSH|^~\\&|252|252|100|100|20250505||ADT|X|P|2.5\nEVN||20250505"));
    }

    [Fact]
    public void The_structure_can_be_given_explicitly()
    {
        var result = Validator.Validate("pims", Message(File.ReadAllText(SharedData.Path("samples", "pims-to-mpi.sample.hl7"))), "ADT_A40");
        Assert.True(result.IsValid, result.Error);
        Assert.Equal("ADT_A40", result.Structure);
        Assert.StartsWith("<ns0:ADT_A40 ", result.Xml, StringComparison.Ordinal);
        Assert.Contains("<ns0:ADT_A40.PIDPD1MRGPV1><ns0:PID>", result.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Mutated_messages_give_a_result_or_a_documented_exception_only()
    {
        var random = new Random(20260218);
        var sample = SharedData.ReadMessage("samples", "phw-to-mpi.sample.hl7");
        const string Alphabet = "|^~\\&\r ABZ019\"'<>\u0001\uD800";
        for (var i = 0; i < 2000; i++)
        {
            var chars = sample.ToCharArray();
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                chars[random.Next(4 + 5, chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
            }

            if (!Hl7Message.TryParse(new string(chars), out var message, out _) || !MessageStructure.TryDetect(message!, out var structure))
            {
                continue;
            }

            try
            {
                var result = Validator.Validate("phw", message!, structure);
                Assert.Equal(result.IsValid, result.Error is null);
                Assert.NotEmpty(result.Xml);
            }
            catch (FlowSchemaConfigurationException)
            {
                // a mutated MSH-9 names a structure phw has no XSD for
            }
        }
    }

    private static void AssertInvalid(XmlValidationResult result, string reasonPart, string pathPart)
    {
        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
        Assert.Contains(reasonPart, result.Error, StringComparison.Ordinal);
        Assert.EndsWith(pathPart, result.Error, StringComparison.Ordinal);
        Assert.NotEmpty(result.Xml);

        // The produced XML holds every value the message had; read back as ER7, they are what the error must not show.
        ErrorTextAssert.HoldsNoValueOf(Message(ToEr7(result.Xml)), result.Error);
    }

    private static string ToEr7(string xml) => XmlToEr7Converter.ToEr7(xml);
}
