using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.AppHost.Dashboard;

/// <summary>
/// The dashboard's access rule: the AppHost prints a one-time login token; whoever opens the login link first
/// exchanges it for a session id (sent back as an HttpOnly, SameSite=Strict cookie) and every later request must
/// carry that cookie. The dashboard can stop services and reveal patient data, so being on 127.0.0.1 is not enough:
/// another local user or a web page in the developer's browser must not reach it.
/// </summary>
public sealed class DashboardAuth
{
    public const string CookieName = "hub-dashboard";

    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _tokenUsed;

    public DashboardAuth()
        : this(NewSecret())
    {
    }

    /// <summary>With a given login token (tests).</summary>
    public DashboardAuth(string loginToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(loginToken);
        LoginToken = loginToken;
    }

    /// <summary>The token printed at start, valid for one login.</summary>
    public string LoginToken { get; }

    /// <summary>
    /// Exchanges the login token for a new session id; null when the token is wrong or was already used.
    /// The comparison takes the same time whatever the input, so the token cannot be guessed byte by byte.
    /// </summary>
    public string? Exchange(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(LoginToken));
        lock (_gate)
        {
            if (!matches || _tokenUsed)
            {
                return null;
            }

            _tokenUsed = true;
        }

        var session = NewSecret();
        _sessions[session] = 0;
        return session;
    }

    /// <summary>True when the cookie names a session this run handed out.</summary>
    public bool IsValidSession(string? session) => !string.IsNullOrEmpty(session) && _sessions.ContainsKey(session);

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
