namespace IntegrationHub.Hl7;

/// <summary>Works out the message structure (e.g. <c>ADT_A05</c>) of a message from MSH-9 (spec §3.2).</summary>
public static class MessageStructure
{
    /// <summary>
    /// MSH-9.3 when given; otherwise the standard structure of <c>(MSH-9.1, MSH-9.2)</c> for the events the hub
    /// routes (A28/A31 → ADT_A05, A40 → ADT_A39), else <c>&lt;MSH-9.1&gt;_&lt;MSH-9.2&gt;</c> (just MSH-9.2 when
    /// MSH-9.1 is empty).
    /// </summary>
    /// <exception cref="Hl7StructureException">MSH-9 has neither a structure nor a trigger event.</exception>
    public static string Detect(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var structure = message.Get("MSH-9(1).3").Trim();
        if (structure.Length > 0)
        {
            return structure;
        }

        var trigger = message.Get("MSH-9(1).2").Trim();
        if (trigger.Length == 0)
        {
            throw new Hl7StructureException("Unable to determine structure or trigger from ER7 message");
        }

        var type = message.Get("MSH-9(1).1").Trim();
        return (type, trigger) switch
        {
            ("ADT", "A28") or ("ADT", "A31") => "ADT_A05",
            ("ADT", "A40") => "ADT_A39",
            ("", _) => trigger,
            _ => $"{type}_{trigger}",
        };
    }

    /// <summary>Like <see cref="Detect"/>, returning false instead of throwing.</summary>
    public static bool TryDetect(Hl7Message message, out string structure)
    {
        try
        {
            structure = Detect(message);
            return true;
        }
        catch (Hl7StructureException)
        {
            structure = string.Empty;
            return false;
        }
    }
}

/// <summary>The message structure cannot be determined.</summary>
public sealed class Hl7StructureException : Exception
{
    public Hl7StructureException()
    {
    }

    public Hl7StructureException(string message)
        : base(message)
    {
    }

    public Hl7StructureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
