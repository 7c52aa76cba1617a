using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>Every acceptance input of the shared data validates without throwing and without values in the errors.</summary>
public sealed class StructureValidatorAcceptanceInputTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        var root = SharedData.Path("acceptance-inputs");
        foreach (var file in Directory.EnumerateFiles(root, "*.hl7", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validation_never_throws_and_never_reveals_values(string file)
    {
        if (!Hl7Message.TryParse(SharedData.ReadMessage("acceptance-inputs", file), out var message, out _))
        {
            return; // Malformed inputs are the parser's business.
        }

        // The structure as the reference detects it (spec §3.2), simplified: MSH-9.3, else MSH-9.1_MSH-9.2.
        var structure = message!.Get("MSH-9.3");
        if (string.IsNullOrEmpty(structure))
        {
            structure = $"{message.Get("MSH-9.1")}_{message.Get("MSH-9.2")}";
        }

        var strict = new Hl7StructureValidationOptions { AllowZSegments = false, CheckFieldLengths = true };
        foreach (var version in new[] { "2.3.1", "2.4", "2.5", "2.5.1" })
        {
            var errors = Hl7StructureValidator.Validate(message, version, structure, strict);

            Assert.All(errors, e => Assert.InRange(e.SegmentPosition, 1, message.Segments.Count + 1));
            StructureTestMessages.AssertNoFieldValues(message, errors);
        }
    }
}
