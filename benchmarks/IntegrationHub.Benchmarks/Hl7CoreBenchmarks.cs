using System.Buffers;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Hl7;

namespace IntegrationHub.Benchmarks;

/// <summary>Parse, encode, path access and ACK on a typical 1.7 KB ADT (the PHW sample with the segments real feeds add).</summary>
[MemoryDiagnoser]
public class Hl7CoreBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private string _text = string.Empty;
    private Hl7Message _parsed = null!;
    private Hl7Path _path;

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchmarkData.TypicalAdt();
        _parsed = Hl7Message.Parse(_text);
        _path = Hl7Path.Parse("PID-3(1).4.1");
    }

    [Benchmark]
    public int Parse() => Hl7Message.Parse(_text).Segments.Count;

    /// <summary>Parse, touch every field (forcing the field index of each segment), and write UTF-8 bytes.</summary>
    [Benchmark]
    public int ParseReadAllFieldsAndEncodeUtf8()
    {
        var message = Hl7Message.Parse(_text);
        var total = 0;
        foreach (var segment in message.Segments)
        {
            for (var f = 1; f <= segment.FieldCount; f++)
            {
                total += segment.Field(f).Length;
            }
        }

        _buffer.ResetWrittenCount();
        message.WriteUtf8(_buffer);
        return total + _buffer.WrittenCount;
    }

    /// <summary>Parse, change one field, and encode the changed message to a new string.</summary>
    [Benchmark]
    public int ParseSetEncode()
    {
        var message = Hl7Message.Parse(_text);
        message.Set("PID-5(1).2", "JANE");
        return message.Encode().Length;
    }

    [Benchmark]
    public int GetByPath() => _parsed.GetSpan(_path).Length;

    [Benchmark]
    public int GetByPathString() => _parsed.Get("PID-3(1).4.1").Length;

    /// <summary>Set a sub-component on an already parsed (and already changed) message.</summary>
    [Benchmark]
    public int SetByPath()
    {
        _parsed.Set(_path, "NHS");
        return _parsed.Segments.Count;
    }

    [Benchmark]
    public int Ack() => Hl7AckBuilder.Build(_parsed).Length;
}
