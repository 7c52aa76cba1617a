using BenchmarkDotNet.Attributes;
using IntegrationHub.Chemo;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Each flow's transformation of its sample, as the transformer host runs it: parse the bus body, transform,
/// serialise in the output form (spec §4.3). Target: ≥ 100k transforms/s per core.
/// </summary>
[MemoryDiagnoser]
public class TransformBenchmarks
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5);
    private readonly Dictionary<string, (IHl7Transformer Transformer, string Input)> _flows = [];

    [Params("phw", "chemo", "pims")]
    public string Flow { get; set; } = "phw";

    [GlobalSetup]
    public void Setup()
    {
        _flows["phw"] = (new PhwTransformer(), BenchmarkData.Sample("phw-to-mpi.sample.hl7"));
        _flows["chemo"] = (new ChemoTransformer(), BenchmarkData.Sample("chemocare-to-mpi.sample.hl7"));
        _flows["pims"] = (new PimsTransformer(), BenchmarkData.Sample("pims-to-mpi.sample.hl7"));
    }

    [Benchmark]
    public int ParseTransformSerialise()
    {
        var (transformer, input) = _flows[Flow];
        return transformer.Transform(Hl7Message.Parse(input), Now).Output.EncodeNormalized().Length;
    }
}
