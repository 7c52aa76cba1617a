using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Bus.Emulator.Protocol;

/// <summary>
/// Verifies Service Bus SAS tokens (spec §1.4): HMAC-SHA256 over the <c>sr</c> value exactly as it appears in
/// the token, a newline and the <c>se</c> text, keyed with the UTF-8 bytes of the shared access key.
/// </summary>
internal static class SasTokenValidator
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>Returns the authorised resource path (scheme and host removed) and expiry, or an error text.</summary>
    public static (string? Path, long ExpiresMs, string? Error) Validate(string token, IReadOnlyDictionary<string, string> keys, long nowMs)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, 0, "The token is not a SharedAccessSignature.");
        }

        string? sr = null, sig = null, se = null, skn = null;
        foreach (var pair in token[Prefix.Length..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var value = pair[(eq + 1)..];
            switch (pair[..eq])
            {
                case "sr": sr = value; break;
                case "sig": sig = value; break;
                case "se": se = value; break;
                case "skn": skn = value; break;
                default: break;
            }
        }

        if (sr is null || sig is null || se is null || skn is null)
        {
            return (null, 0, "The token lacks one of sr, sig, se, skn.");
        }

        if (!keys.TryGetValue(skn, out var key))
        {
            return (null, 0, $"Unknown key name '{skn}'.");
        }

        if (!long.TryParse(se, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expiresSeconds)
            || expiresSeconds * 1000 <= nowMs)
        {
            return (null, 0, "The token has expired.");
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(sr + "\n" + se));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(Uri.UnescapeDataString(sig));
        }
        catch (FormatException)
        {
            return (null, 0, "The signature is not base64.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return (null, 0, "The signature does not match.");
        }

        return (ResourcePath(Uri.UnescapeDataString(sr)), expiresSeconds * 1000, null);
    }

    /// <summary>The path part of a token audience or resource: <c>sb://host/q</c> → <c>q</c>.</summary>
    public static string ResourcePath(string resource)
    {
        var path = resource;
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = path.IndexOf('/', scheme + 3);
            path = slash < 0 ? string.Empty : path[slash..];
        }
        else
        {
            // A bare "host/path" (no scheme): drop the host.
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            path = slash < 0 ? string.Empty : path[slash..];
        }

        return path.Trim('/');
    }

    /// <summary>A token for <paramref name="granted"/> covers the entity itself and anything below it.</summary>
    public static bool Covers(string granted, string entityPath) =>
        granted.Length == 0
        || entityPath.Equals(granted, StringComparison.OrdinalIgnoreCase)
        || (entityPath.Length > granted.Length
            && entityPath.StartsWith(granted, StringComparison.OrdinalIgnoreCase)
            && entityPath[granted.Length] == '/');
}
