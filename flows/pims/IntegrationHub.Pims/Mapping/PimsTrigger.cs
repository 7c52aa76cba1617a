namespace IntegrationHub.Pims.Mapping;

/// <summary>
/// How the input's trigger event (MSH-9.2) steers the PIMS rules (spec §7.2, §7.5–7.7). The output event is
/// chosen leniently (trimmed, any case), but PD1, PV1 and MRG follow the exact text, as the existing system does:
/// a lower-case <c>a04</c> becomes an A28 without PD1 or PV1.
/// </summary>
internal static class PimsTrigger
{
    /// <summary>The output MSH-9.2 and MSH-9.3 for the input's MSH-9.2.</summary>
    public static (string Event, string Structure) Output(ReadOnlySpan<char> inputTrigger)
    {
        var trigger = inputTrigger.Trim();
        if (trigger.Equals("A04", StringComparison.OrdinalIgnoreCase) || trigger.Equals("A28", StringComparison.OrdinalIgnoreCase))
        {
            return ("A28", "ADT_A05");
        }

        if (trigger.Equals("A08", StringComparison.OrdinalIgnoreCase) || trigger.Equals("A31", StringComparison.OrdinalIgnoreCase))
        {
            return ("A31", "ADT_A05");
        }

        // A40 and everything else (A01, empty, …) is sent as a merge, as the existing system does.
        return ("A40", "ADT_A39");
    }

    /// <summary>True when the input trigger is exactly <c>A04</c> or <c>A08</c> (case-sensitive, untrimmed).</summary>
    public static bool IsRegistrationOrUpdate(ReadOnlySpan<char> inputTrigger) =>
        inputTrigger.SequenceEqual("A04") || inputTrigger.SequenceEqual("A08");

    /// <summary>True when the input trigger is exactly <c>A40</c>.</summary>
    public static bool IsMerge(ReadOnlySpan<char> inputTrigger) => inputTrigger.SequenceEqual("A40");

    /// <summary>The input's MSH-9.2 (first repetition), raw.</summary>
    public static ReadOnlySpan<char> Of(Hl7Segment msh) => Er7.First(msh, 9, 2);
}
