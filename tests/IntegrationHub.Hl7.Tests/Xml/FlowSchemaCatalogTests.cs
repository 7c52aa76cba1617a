using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Hl7.Tests.Xml;

public class FlowSchemaCatalogTests
{
    private static FlowSchemaCatalog Catalog => XmlTestData.Catalog;

    [Fact]
    public void Flows_and_structures_are_discovered_from_the_folders()
    {
        Assert.Equal(["chemo", "mosaiq", "paris", "phw", "pims", "wds"], Catalog.Flows());
        Assert.Equal(["ADT_A05", "ADT_A39"], Catalog.Structures("phw"));
        Assert.Equal(["ADT_A01", "ADT_A39", "ADT_A40"], Catalog.Structures("pims"));
    }

    [Theory]
    [InlineData("phw", "ADT_A05", "2_5")]
    [InlineData("paris", "ADT_A39", "2_5_1")]
    [InlineData("chemo", "ADT_A05", "2_4")]
    [InlineData("pims", "ADT_A40", "2_3_1")]
    public void The_prefix_comes_from_the_include_of_the_segments_xsd(string flow, string structure, string prefix)
    {
        var schema = Catalog.Get(flow, structure);
        Assert.Equal(prefix, schema.Prefix);
        Assert.Equal(structure, schema.Structure);
        Assert.Equal(structure, schema.Root.Name);
    }

    [Fact]
    public void A_compiled_schema_is_cached_and_shared()
    {
        Assert.Same(Catalog.Get("phw", "ADT_A05"), Catalog.Get("phw", "ADT_A05"));
        var parallel = new FlowSchema[16];
        Parallel.For(0, parallel.Length, i => parallel[i] = Catalog.Get("wds", "ADT_A39"));
        Assert.All(parallel, s => Assert.Same(parallel[0], s));
    }

    [Fact]
    public void Load_all_compiles_every_structure_of_a_flow()
    {
        Assert.Equal(["ADT_A01", "ADT_A39", "ADT_A40"], Catalog.LoadAll("pims").Select(s => s.Structure));
        Assert.Throws<FlowSchemaConfigurationException>(() => Catalog.LoadAll("nosuchflow"));
    }

    [Fact]
    public void A_missing_structure_is_a_configuration_error_listing_the_available_ones()
    {
        var ex = Assert.Throws<FlowSchemaConfigurationException>(() => Catalog.Get("pims", "ADT_A05"));
        Assert.Equal("pims", ex.Flow);
        Assert.Equal("ADT_A05", ex.Structure);
        Assert.Equal(["ADT_A01", "ADT_A39", "ADT_A40"], ex.AvailableStructures);
        Assert.Contains("No XSD mapping for flow 'pims'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ADT_A01, ADT_A39, ADT_A40", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuchflow")]
    [InlineData("..")]
    [InlineData("phw/../pims")]
    public void A_missing_or_unsafe_flow_is_a_configuration_error(string flow)
    {
        Assert.Throws<FlowSchemaConfigurationException>(() => Catalog.Get(flow, "ADT_A05"));
        Assert.False(Catalog.Contains(flow, "ADT_A05"));
    }

    [Fact]
    public void Dropping_an_xsd_into_a_folder_adds_the_structure_without_code()
    {
        var root = Directory.CreateTempSubdirectory("flows");
        try
        {
            var flow = Directory.CreateDirectory(Path.Combine(root.FullName, "newflow"));
            foreach (var file in Directory.EnumerateFiles(SharedData.Path("hl7-schemas", "phw"), "2_5_*.xsd"))
            {
                File.Copy(file, Path.Combine(flow.FullName, Path.GetFileName(file)));
            }

            var catalog = new FlowSchemaCatalog(root.FullName);
            Assert.Empty(catalog.Structures("newflow"));
            Assert.Throws<FlowSchemaConfigurationException>(() => catalog.Get("newflow", "ADT_A39"));

            File.Copy(SharedData.Path("hl7-schemas", "phw", "ADT_A39.xsd"), Path.Combine(flow.FullName, "ADT_A39.xsd"));
            var schema = catalog.Get("newflow", "ADT_A39");
            Assert.Equal("2_5", schema.Prefix);
            Assert.Equal(["ADT_A39"], catalog.Structures("newflow"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Structure_metadata_gives_groups_and_the_root_requirements()
    {
        var a05 = Catalog.Get("phw", "ADT_A05");
        Assert.True(a05.RequiresEvn);
        Assert.True(a05.RequiresPv1);
        Assert.Equal("ADT_A05.PROCEDURE", a05.GroupStartedBy("PR1")?.Name);
        Assert.Equal("ADT_A05.INSURANCE", a05.GroupStartedBy("IN1")?.Name);
        Assert.Null(a05.GroupStartedBy("ROL"));
        Assert.True(a05.IsMember(a05.GroupStartedBy("PR1")!, "ROL"));
        var sft = a05.Root.Children.Single(c => c.Name == "SFT");
        Assert.Equal((0, int.MaxValue), (sft.MinOccurs, sft.MaxOccurs));

        var a39 = Catalog.Get("phw", "ADT_A39");
        Assert.True(a39.RequiresEvn);
        Assert.False(a39.RequiresPv1);
        var patient = a39.GroupStartedBy("PID")!;
        Assert.Equal("ADT_A39.PATIENT", patient.Name);
        Assert.Equal(["PID", "PD1", "MRG", "PV1"], patient.Children.Select(c => c.Name));
        Assert.False(a39.IsMember(patient, "NK1"));

        var chemo = Catalog.Get("chemo", "ADT_A39");
        Assert.True(chemo.IsMember(chemo.GroupStartedBy("PID")!, "NK1"));

        Assert.False(Catalog.Get("wds", "ADT_A05").RequiresPv1);
        Assert.Equal("ADT_A05.VISIT", Catalog.Get("wds", "ADT_A05").GroupStartedBy("PV1")?.Name);
        Assert.Equal("ADT_A40.PIDPD1MRGPV1", Catalog.Get("pims", "ADT_A40").GroupStartedBy("PID")?.Name);
    }

    [Fact]
    public void Segment_metadata_gives_fields_occurrences_and_type_children()
    {
        var schema = Catalog.Get("phw", "ADT_A05");
        var pid = schema.Segment("PID")!;
        Assert.Equal(Enumerable.Range(1, 39), pid.Children.Select(f => f.Number));
        var pid3 = pid.Children[2];
        Assert.Equal("PID.3", pid3.Name);
        Assert.True(pid3.IsRequired);
        Assert.True(pid3.Repeats);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"CX.{i}"), pid3.Children.Select(c => c.Name));

        // CX.4 extends HD (complexContent/extension): its children are HD's.
        Assert.Equal(["HD.1", "HD.2", "HD.3"], pid3.Children[3].Children.Select(c => c.Name));
        Assert.True(pid.Children[0].IsNumeric); // PID.1 is SI
        Assert.False(pid3.Children[1].IsNumeric); // CX.2 is ST in 2.5
        Assert.False(schema.Segment("PID")!.Children[7].Repeats); // PID.8
        Assert.True(schema.Segment("MSH")!.Children[0].IsLeaf);
        Assert.Null(schema.Segment("ZXX"));
    }

    [Fact]
    public void In_v231_cx2_counts_as_numeric_as_the_reference_library_types_it()
    {
        var cx = Catalog.Get("pims", "ADT_A39").Segment("PID")!.Children[2];
        Assert.True(cx.Children[1].IsNumeric);
    }
}
