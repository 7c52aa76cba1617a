using IntegrationHub.Hl7.Validation;

namespace IntegrationHub.Hl7.Tests.Validation;

/// <summary>Builds test messages segment by segment and checks that error texts hold no field values.</summary>
internal static class StructureTestMessages
{
    public const string Msh25 = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|CTRL0001|P|2.5";
    public const string Msh25A39 = "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A40^ADT_A39|CTRL0002|P|2.5";
    public const string Evn = "EVN||20250502092900";
    public const string Pid = "PID|||8888888^^^252^PI~4444444444^^^NHS^NH||MYSURNAME^MYFNAME^^^MR||19990101|M";
    public const string Pid2 = "PID|||7777777^^^252^PI||OTHERSURNAME^OTHERFNAME||19850505|F";
    public const string Pd1 = "PD1|||^^W00000^|G999999";
    public const string Pv1 = "PV1||U";
    public const string Mrg = "MRG|6666666^^^252^PI";

    public static Hl7Message Message(params string[] segments) => Hl7Message.Parse(string.Join('\r', segments));

    /// <summary>
    /// Asserts that no error text contains a value of the message: every component (and sub-component) of every
    /// segment other than MSH, at least 4 characters long, is looked for in every error message.
    /// </summary>
    public static void AssertNoFieldValues(Hl7Message message, IEnumerable<Hl7ValidationError> errors)
    {
        var values = new List<string>();
        var d = message.Delimiters;
        foreach (var segment in message.Segments)
        {
            if (segment.IsHeader)
            {
                continue;
            }

            for (var field = 1; field <= segment.FieldCount; field++)
            {
                foreach (var piece in segment.GetField(field).Split(d.Repetition, d.Component, d.SubComponent))
                {
                    if (piece.Length >= 4)
                    {
                        values.Add(piece);
                    }
                }
            }
        }

        foreach (var error in errors)
        {
            foreach (var value in values)
            {
                Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
            }
        }
    }

    public static string Describe(IEnumerable<Hl7ValidationError> errors) => string.Join(Environment.NewLine, errors);
}
