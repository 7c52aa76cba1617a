using IntegrationHub.AppHost.Dashboard;

namespace IntegrationHub.Dashboard.Tests;

public sealed class DashboardAuthTests
{
    [Fact]
    public void The_printed_token_is_exchanged_for_a_session_once()
    {
        var auth = new DashboardAuth("right-token");

        var session = auth.Exchange("right-token");

        Assert.NotNull(session);
        Assert.True(auth.IsValidSession(session));
        Assert.Null(auth.Exchange("right-token"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("right-toke")]
    [InlineData("right-token ")]
    [InlineData("RIGHT-TOKEN")]
    public void A_wrong_or_missing_token_is_refused_and_does_not_use_up_the_right_one(string? token)
    {
        var auth = new DashboardAuth("right-token");

        Assert.Null(auth.Exchange(token));
        Assert.NotNull(auth.Exchange("right-token"));
    }

    [Fact]
    public void Only_sessions_handed_out_by_this_run_are_valid()
    {
        var auth = new DashboardAuth();
        var other = new DashboardAuth();
        var session = other.Exchange(other.LoginToken);

        Assert.False(auth.IsValidSession(session));
        Assert.False(auth.IsValidSession(null));
        Assert.False(auth.IsValidSession(string.Empty));
        Assert.False(auth.IsValidSession(auth.LoginToken));
    }

    [Fact]
    public void Generated_tokens_are_long_url_safe_and_different_every_run()
    {
        var first = new DashboardAuth().LoginToken;
        var second = new DashboardAuth().LoginToken;

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 40, first);
        Assert.Equal(first, Uri.EscapeDataString(first));
    }
}
