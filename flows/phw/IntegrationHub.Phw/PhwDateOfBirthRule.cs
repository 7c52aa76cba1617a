using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Phw;

/// <summary>
/// The PHW server's date-of-birth rule (spec §2.5.3): the MPI matches patients on date of birth, so PHW messages
/// must carry a real one in PID-7 as exactly <c>yyyyMMdd</c>, not before 1800. The texts are the existing
/// system's, verbatim; they name the field, never its value.
/// </summary>
public sealed class PhwDateOfBirthRule : IMessageRule
{
    public const string RequiredError = "PID.7 (Date of birth) is required for PHW.";
    public const string FormatError = "PID.7 (Date of birth) must be a valid date in YYYYMMDD format for PHW.";
    public const string YearError = "PID.7 (Date of birth) - year of birth must be 1800 or later for PHW.";

    private const int EarliestYear = 1800;

    public string? Check(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var pid = message.Segment("PID");
        if (pid is null)
        {
            return RequiredError;
        }

        // The text of the first repetition, components included: "19870101^D" must fail the format check.
        var text = Er7Pieces.Piece(pid.Field(7), message.Delimiters.Repetition, 1).Trim();
        if (text.IsEmpty)
        {
            return RequiredError;
        }

        if (!TryReadDate(text, out var year))
        {
            return FormatError;
        }

        return year < EarliestYear ? YearError : null;
    }

    private static bool TryReadDate(ReadOnlySpan<char> text, out int year)
    {
        year = 0;
        if (text.Length != 8 || !Digits.All(text))
        {
            return false;
        }

        year = Digits.Number(text[..4]);
        var month = Digits.Number(text.Slice(4, 2));
        var day = Digits.Number(text.Slice(6, 2));
        return Digits.IsDate(year, month, day);
    }
}
