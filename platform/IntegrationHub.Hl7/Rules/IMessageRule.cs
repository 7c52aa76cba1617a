
namespace IntegrationHub.Hl7.Rules;

/// <summary>
/// One check a server runs on every routed message after parsing (spec §2.5): the basic checks (version,
/// sending application) and a flow's own rules (e.g. PHW's date of birth). Returns the error text, or null when
/// the message passes. The text travels into events and NACKs, so it must never contain patient data.
/// </summary>
public interface IMessageRule
{
    string? Check(Hl7Message message);
}
