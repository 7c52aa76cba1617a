using Azure.Core;
using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Amqp;

/// <summary>A token to put on <c>$cbs</c>.</summary>
internal sealed record CbsToken(string Token, string TokenType, DateTimeOffset ExpiresAt);

/// <summary>Produces the token that authorises one audience (entity URI).</summary>
internal interface ITokenSource
{
    ValueTask<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken);
}

/// <summary>Signs a fresh SAS token per audience with the shared access key.</summary>
internal sealed class SasKeyTokenSource(string keyName, string key, TimeSpan lifetime, TimeProvider time) : ITokenSource
{
    public const string TokenType = "servicebus.windows.net:sastoken";

    public ValueTask<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + lifetime;
        // The .NET SDK signs the lower-cased audience; brokers compare it case-insensitively anyway.
        var token = SharedAccessSignature.Create(audience.ToLowerInvariant(), keyName, key, expiresAt);
        return ValueTask.FromResult(new CbsToken(token, TokenType, expiresAt));
    }
}

/// <summary>A pre-signed SAS token from the connection string: the same token for every audience, never renewed.</summary>
internal sealed class FixedSasTokenSource(string token, TimeProvider time) : ITokenSource
{
    public ValueTask<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var expiresAt = SharedAccessSignature.GetExpiry(token) ?? time.GetUtcNow().AddHours(1);
        return ValueTask.FromResult(new CbsToken(token, SasKeyTokenSource.TokenType, expiresAt));
    }
}

/// <summary>Entra ID (managed identity): one JWT for the Service Bus scope covers every audience.</summary>
internal sealed class CredentialTokenSource(TokenCredential credential) : ITokenSource
{
    public const string Scope = "https://servicebus.azure.net/.default";
    public const string TokenType = "jwt";

    public async ValueTask<CbsToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        // Azure.Identity caches tokens itself, so asking per audience does not hit the identity endpoint each time.
        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        return new CbsToken(token.Token, TokenType, token.ExpiresOn);
    }
}
