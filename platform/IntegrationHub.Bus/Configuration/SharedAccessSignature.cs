using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Bus.Configuration;

/// <summary>Service Bus SAS tokens (spec §1.4).</summary>
public static class SharedAccessSignature
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>
    /// Signs <paramref name="resource"/> until <paramref name="expiresAt"/>. The HMAC key is the UTF-8 text of the
    /// shared access key as written (not base64-decoded), and the signed text is the url-encoded resource, a newline
    /// and the expiry in Unix seconds.
    /// </summary>
    public static string Create(string resource, string keyName, string key, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);

        var encodedResource = Uri.EscapeDataString(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(key, encodedResource + "\n" + expiry);
        return Prefix + "sr=" + encodedResource + "&sig=" + Uri.EscapeDataString(signature)
            + "&se=" + expiry + "&skn=" + Uri.EscapeDataString(keyName);
    }

    /// <summary>Base64 HMAC-SHA256 of <paramref name="text"/> keyed with the UTF-8 bytes of <paramref name="key"/>.</summary>
    public static string Sign(string key, string text) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)));

    /// <summary>The expiry (<c>se</c>) of a token, or null when the token has none or is malformed.</summary>
    public static DateTimeOffset? GetExpiry(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var body = token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? token[Prefix.Length..] : token;
        foreach (var pair in body.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Trim().Equals("se", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(pair.AsSpan(equals + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return null;
    }
}
