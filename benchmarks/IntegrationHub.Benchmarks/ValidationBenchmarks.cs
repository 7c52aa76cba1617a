using BenchmarkDotNet.Attributes;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Validation;
using IntegrationHub.Hl7.Xml;

namespace IntegrationHub.Benchmarks;

/// <summary>Flow validation of the PHW sample: ER7 → HL7 v2 XML with XSD validation in one pass, and the standard structure check.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private Hl7Message _message = null!;
    private FlowSchema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = Hl7Message.Parse(BenchmarkData.Sample("phw-to-mpi.sample.hl7"));
        var catalog = new FlowSchemaCatalog(BenchmarkData.SharedPath("hl7-schemas"));
        _schema = catalog.Get("phw", MessageStructure.Detect(_message));
    }

    [Benchmark]
    public int Er7ToXml() => Hl7XmlConverter.ToXml(_message, _schema).Length;

    [Benchmark]
    public bool Er7ToXmlAndXsdValidate() => FlowXmlValidator.Validate(_schema, _message).IsValid;

    [Benchmark]
    public int StandardStructureValidation() => Hl7StructureValidator.Validate(_message, "2.5", "ADT_A05").Count;
}
