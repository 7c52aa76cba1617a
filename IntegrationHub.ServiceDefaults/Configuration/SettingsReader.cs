using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>
/// Reads the existing system's environment variables (flat names such as <c>WORKFLOW_ID</c>) and collects every
/// problem instead of stopping at the first, so a misconfigured service reports all bad variables at once, each
/// by name. Values are trimmed; a blank value counts as missing.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration)
{
    private readonly List<string> _errors = [];

    /// <summary>Problems found so far, each naming its variable.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The trimmed value, or null when unset or blank.</summary>
    public string? Optional(string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The trimmed value; records "Missing required configuration: NAME" when unset or blank.</summary>
    public string Required(string name)
    {
        var value = Optional(name);
        if (value is null)
        {
            _errors.Add($"Missing required configuration: {name}");
            return string.Empty;
        }

        return value;
    }

    /// <summary>An integer; records an error naming the variable when it does not parse or breaks <paramref name="rule"/>.</summary>
    public int? Number(string name, Func<int, bool>? isValid = null, string? rule = null)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            _errors.Add($"{name} must be an integer (got '{text}')");
            return null;
        }

        if (isValid is not null && !isValid(value))
        {
            _errors.Add($"{name} {rule ?? "is out of range"} (got {value})");
            return null;
        }

        return value;
    }

    /// <summary>A TCP port (1–65535, or 0 when <paramref name="allowZero"/> for "pick a free port").</summary>
    public int Port(string name, int fallback, bool allowZero = false) =>
        Number(name, p => p is >= 1 and <= 65535 || (allowZero && p == 0), allowZero ? "must be a port number from 0 to 65535" : "must be a port number from 1 to 65535") ?? fallback;

    /// <summary>
    /// A switch that is on unless set to one of <paramref name="offWords"/> (case-insensitive), the way the existing
    /// system reads <c>HL7_LOG_REDACTION_ENABLED</c> and <c>MESSAGE_STORE_ENABLED</c>.
    /// </summary>
    public bool OnUnless(string name, params string[] offWords)
    {
        var text = Optional(name);
        return text is null || !offWords.Contains(text, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A yes/no switch: true/1/yes/on or false/0/no/off (case-insensitive); anything else is an error naming the variable.</summary>
    public bool Flag(string name, bool fallback)
    {
        var text = Optional(name);
        switch (text?.ToUpperInvariant())
        {
            case null:
                return fallback;
            case "TRUE" or "1" or "YES" or "ON":
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                return false;
            default:
                _errors.Add($"{name} must be true or false (got '{text}')");
                return fallback;
        }
    }

    /// <summary>Records a problem found by a cross-variable rule.</summary>
    public void Fail(string error) => _errors.Add(error);
}
