using System.Text;

namespace IntegrationHub.Hl7.Tests.Model;

/// <summary>
/// Random and mutated inputs must either parse (and then round-trip exactly) or fail with the library's parse
/// exception; nothing else may escape, and nothing may hang.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 6000;

    [Fact]
    public void Random_bytes_only_ever_raise_the_parse_exception()
    {
        var random = new Random(20261124);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 8)
            {
                "MSH|^~\\&"u8.CopyTo(bytes);
            }

            Exercise(() => Hl7Message.Parse(bytes));
        }
    }

    [Fact]
    public void Mutated_samples_only_ever_raise_the_parse_exception()
    {
        var random = new Random(42);
        var seeds = Directory.EnumerateFiles(SharedData.Path("samples"), "*.hl7").Select(File.ReadAllText).ToArray();
        const string Alphabet = "|^~\\&\r\n\"#ABCZ019 \u00e9";
        for (var i = 0; i < Iterations; i++)
        {
            var text = new StringBuilder(seeds[i % seeds.Length]);
            var mutations = random.Next(1, 8);
            for (var m = 0; m < mutations && text.Length > 0; m++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(4))
                {
                    case 0:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                        break;
                    case 2:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        text.Length = at;
                        break;
                }
            }

            var input = text.ToString();
            Exercise(() => Hl7Message.Parse(input), input);
        }
    }

    private static void Exercise(Func<Hl7Message> parse, string? input = null)
    {
        Hl7Message message;
        try
        {
            message = parse();
        }
        catch (Hl7ParseException)
        {
            return;
        }

        if (input is not null)
        {
            Assert.Equal(input, message.Encode());
        }

        // Reading every field, repetition and component must never throw either.
        foreach (var segment in message.Segments)
        {
            for (var f = 1; f <= Math.Min(segment.FieldCount, 40); f++)
            {
                var path = $"{segment.Id}-{f}(2).3.2";
                if (Hl7Path.TryParse(path, out var parsed, out _))
                {
                    _ = message.GetSpan(parsed).Length;
                    _ = Hl7Escaping.Decode(segment.Field(f), message.Delimiters);
                }
            }
        }

        _ = message.EncodeNormalized();
    }
}
