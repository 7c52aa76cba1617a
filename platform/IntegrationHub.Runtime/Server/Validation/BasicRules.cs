using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;

namespace IntegrationHub.Runtime.Server.Validation;

/// <summary>MSH-12 must equal HL7_VERSION exactly (so <c>2.5^GBR</c> is not <c>2.5</c>).</summary>
public sealed class VersionRule(string version) : IMessageRule
{
    public string? Check(Hl7Message message) =>
        message.GetSpan(new Hl7Path("MSH", 1, 12, 0, 0, 0)).SequenceEqual(version) ? null : "Message has wrong version";
}

/// <summary>MSH-3 (its whole first repetition, e.g. <c>252^X</c>) must be one of the SENDING_APP list.</summary>
public sealed class SendingAppRule(IReadOnlyList<string> allowed) : IMessageRule
{
    public string? Check(Hl7Message message)
    {
        var sendingApp = message.Get("MSH-3(1)");
        foreach (var candidate in allowed)
        {
            if (candidate == sendingApp)
            {
                return null;
            }
        }

        // MSH-3 is an application code, not patient data, and the existing system names it.
        return $"Message sending application '{sendingApp}' is not in allowed authority codes.";
    }
}
