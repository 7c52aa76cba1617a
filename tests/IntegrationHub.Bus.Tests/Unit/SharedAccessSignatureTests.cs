using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Tests.Unit;

/// <summary>
/// Expected values were computed independently with python3's hmac/hashlib/base64 and urllib.parse.quote(safe=''):
/// sig = b64(hmac_sha256(key.encode(), (quote(sr) + "\n" + se).encode())).
/// </summary>
public class SharedAccessSignatureTests
{
    [Fact]
    public void Hmac_matches_the_published_sha256_vector()
    {
        // HMAC_SHA256("key", "The quick brown fox jumps over the lazy dog") = f7bc83f4…3cd8
        Assert.Equal("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=",
            SharedAccessSignature.Sign("key", "The quick brown fox jumps over the lazy dog"));
    }

    [Fact]
    public void Token_for_an_azure_entity_matches_the_python_vector()
    {
        var token = SharedAccessSignature.Create("amqps://contoso.servicebus.windows.net/orders", "RootManageSharedAccessKey", "SAS_KEY_VALUE",
            DateTimeOffset.FromUnixTimeSeconds(1700000000));

        Assert.Equal(
            "SharedAccessSignature sr=amqps%3A%2F%2Fcontoso.servicebus.windows.net%2Forders&sig=gnJZ0lhw3B0c9j1dpAiXuMkATdUQcBTZRHx4H21PZOw%3D&se=1700000000&skn=RootManageSharedAccessKey",
            token);
    }

    [Fact]
    public void Key_is_used_as_text_not_base64_decoded_and_names_are_escaped()
    {
        var token = SharedAccessSignature.Create("sb://localhost/hl7.inbound", "send policy", "abc+/=DEF==",
            DateTimeOffset.FromUnixTimeSeconds(2000000000));

        Assert.Equal(
            "SharedAccessSignature sr=sb%3A%2F%2Flocalhost%2Fhl7.inbound&sig=qmMTMGPm18fVvG4TxqX4o%2BnYqprksYWELuArqerSSGs%3D&se=2000000000&skn=send%20policy",
            token);
    }

    [Fact]
    public void Expiry_is_read_back_from_a_token()
    {
        var token = SharedAccessSignature.Create("sb://h/q", "k", "v", DateTimeOffset.FromUnixTimeSeconds(1234567890));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234567890), SharedAccessSignature.GetExpiry(token));
        Assert.Null(SharedAccessSignature.GetExpiry("SharedAccessSignature sr=a&sig=b"));
    }
}
