using IntegrationHub.Bus.Configuration;

namespace IntegrationHub.Bus.Tests.Unit;

public class ConnectionStringTests
{
    [Fact]
    public void Parses_the_emulator_string_from_Microsoft_samples()
    {
        var cs = ServiceBusConnectionString.Parse(
            "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;");

        Assert.Equal("localhost", cs.Host);
        Assert.Null(cs.ExplicitPort);
        Assert.Equal("RootManageSharedAccessKey", cs.SharedAccessKeyName);
        Assert.Equal("SAS_KEY_VALUE", cs.SharedAccessKey);
        Assert.True(cs.UseDevelopmentEmulator);
        Assert.False(cs.UseTls);
        Assert.Equal(5672, cs.Port);
    }

    [Fact]
    public void Emulator_keeps_an_explicit_port()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=sb://127.0.0.1:15672/;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");
        Assert.Equal(15672, cs.Port);
        Assert.Equal(new Uri("sb://127.0.0.1:15672/"), cs.Endpoint);
    }

    [Fact]
    public void Azure_namespace_uses_tls_on_5671()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=");
        Assert.Equal("contoso.servicebus.windows.net", cs.Host);
        Assert.True(cs.UseTls);
        Assert.Equal(5671, cs.Port);
        Assert.False(cs.UseDevelopmentEmulator);
    }

    [Fact]
    public void Value_is_split_on_the_first_equals_so_base64_padding_survives()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=YWJj+/==");
        Assert.Equal("YWJj+/==", cs.SharedAccessKey);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_whitespace_is_trimmed()
    {
        var cs = ServiceBusConnectionString.Parse(" endpoint = sb://h.example/ ; SHAREDACCESSKEYNAME = k ;sharedAccessKey= v ; entitypath = orders ");
        Assert.Equal("h.example", cs.Host);
        Assert.Equal("k", cs.SharedAccessKeyName);
        Assert.Equal("v", cs.SharedAccessKey);
        Assert.Equal("orders", cs.EntityPath);
    }

    [Fact]
    public void Leading_and_trailing_semicolons_and_unknown_keys_are_allowed()
    {
        var cs = ServiceBusConnectionString.Parse(";Endpoint=sb://h.example/;Foo=bar;SharedAccessKeyName=k;SharedAccessKey=v;");
        Assert.Equal("h.example", cs.Host);
    }

    [Fact]
    public void Endpoint_without_scheme_is_a_host_name()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=contoso.servicebus.windows.net;SharedAccessKeyName=k;SharedAccessKey=v");
        Assert.Equal("contoso.servicebus.windows.net", cs.Host);
        Assert.Equal(new Uri("sb://contoso.servicebus.windows.net/"), cs.Endpoint);
    }

    [Fact]
    public void Endpoint_scheme_is_forced_to_sb_and_a_default_port_dropped()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=https://contoso.servicebus.windows.net:443/;SharedAccessKeyName=k;SharedAccessKey=v");
        Assert.Equal("sb", cs.Endpoint.Scheme);
        Assert.Null(cs.ExplicitPort);
    }

    [Fact]
    public void Shared_access_signature_form_is_accepted()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=sb://h.example/;SharedAccessSignature=SharedAccessSignature sr=x&sig=y&se=1&skn=z;EntityPath=q");
        Assert.Equal("SharedAccessSignature sr=x&sig=y&se=1&skn=z", cs.SharedAccessSignature);
        Assert.Null(cs.SharedAccessKey);
        Assert.Equal("q", cs.EntityPath);
    }

    [Theory]
    [InlineData("UseDevelopmentEmulator=yes")]
    [InlineData("UseDevelopmentEmulator=1")]
    [InlineData("UseDevelopmentEmulator=false")]
    public void Non_boolean_emulator_flag_means_false(string flag)
    {
        var cs = ServiceBusConnectionString.Parse($"Endpoint=sb://contoso.example/;SharedAccessKeyName=k;SharedAccessKey=v;{flag}");
        Assert.False(cs.UseDevelopmentEmulator);
        Assert.True(cs.UseTls);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public void Emulator_accepts_loopback_hosts(string host)
    {
        var cs = ServiceBusConnectionString.Parse($"Endpoint=sb://{host};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=True");
        Assert.True(cs.UseDevelopmentEmulator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("SharedAccessKeyName=k;SharedAccessKey=v")] // no endpoint
    [InlineData("Endpoint=sb://h.example/;SharedAccessKeyName=k")] // key missing
    [InlineData("Endpoint=sb://h.example/;SharedAccessKey=v")] // key name missing
    [InlineData("Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=v;SharedAccessSignature=s")] // both forms
    [InlineData("Endpoint=sb://h.example/;SharedAccessKeyName=;SharedAccessKey=v")] // empty value
    [InlineData("Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=v;garbage")] // segment without '='
    [InlineData("Endpoint=sb://h.example/;;SharedAccessKeyName=k;SharedAccessKey=v")] // empty segment in the middle
    [InlineData("Endpoint=sb://h.example/;=v;SharedAccessKeyName=k;SharedAccessKey=v")] // value without key
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true")] // emulator on a remote host
    [InlineData("Endpoint=not a host!;SharedAccessKeyName=k;SharedAccessKey=v")]
    public void Rejects_malformed_strings(string text)
    {
        Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(text));
        Assert.False(ServiceBusConnectionString.TryParse(text, out _));
    }

    [Fact]
    public void ToString_does_not_leak_the_key()
    {
        var cs = ServiceBusConnectionString.Parse("Endpoint=sb://h.example/;SharedAccessKeyName=k;SharedAccessKey=secret123");
        Assert.DoesNotContain("secret123", cs.ToString(), StringComparison.Ordinal);
    }
}
