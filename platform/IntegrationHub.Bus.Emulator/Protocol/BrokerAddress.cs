namespace IntegrationHub.Bus.Emulator.Protocol;

internal enum AddressKind
{
    Cbs,
    Management,
    Entity,
}

/// <summary>
/// A link address in normal form. Clients write <c>orders</c>, <c>/orders</c> (percent-encoded) or
/// <c>amqps://host/orders</c> (spec §0 item 3), and mix the case of <c>Subscriptions</c> and
/// <c>$DeadLetterQueue</c>; everything is reduced to one lower-case-insensitive path here.
/// </summary>
internal readonly record struct BrokerAddress(AddressKind Kind, string EntityPath, bool DeadLetter)
{
    private const string DeadLetterSuffix = "/$deadletterqueue";
    private const string ManagementSuffix = "/$management";

    /// <summary>The node name used to key request/response links (entity path plus sub-queue).</summary>
    public string Node => Kind switch
    {
        AddressKind.Cbs => "$cbs",
        _ => DeadLetter ? EntityPath + DeadLetterSuffix : EntityPath,
    };

    public static BrokerAddress? Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var path = address.Trim();
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? string.Empty : path[slash..];
        }

        path = Uri.UnescapeDataString(path).Trim('/');
        if (path.Length == 0)
        {
            return null;
        }

        if (path.Equals("$cbs", StringComparison.OrdinalIgnoreCase))
        {
            return new BrokerAddress(AddressKind.Cbs, string.Empty, false);
        }

        var kind = AddressKind.Entity;
        if (path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            kind = AddressKind.Management;
            path = path[..^ManagementSuffix.Length];
        }

        var deadLetter = false;
        if (path.EndsWith(DeadLetterSuffix, StringComparison.OrdinalIgnoreCase))
        {
            deadLetter = true;
            path = path[..^DeadLetterSuffix.Length];
        }

        return new BrokerAddress(kind, NormaliseEntity(path), deadLetter);
    }

    /// <summary>Entity keys: queue names and <c>topic/subscriptions/sub</c>, compared case-insensitively.</summary>
    public static string NormaliseEntity(string path)
    {
        var parts = path.Split('/');
        if (parts.Length == 3 && parts[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            return $"{parts[0]}/subscriptions/{parts[2]}";
        }

        return path;
    }
}
