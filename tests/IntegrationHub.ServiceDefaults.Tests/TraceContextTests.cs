using System.Diagnostics;
using IntegrationHub.ServiceDefaults.Telemetry;

namespace IntegrationHub.ServiceDefaults.Tests;

public class TraceContextTests
{
    [Fact]
    public void The_trace_context_travels_in_message_properties()
    {
        using var activity = new Activity("send").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "vendor=1";
        var properties = new Dictionary<string, object?>();

        TraceContextProperties.Inject(properties);
        var context = TraceContextProperties.Extract(properties);

        Assert.Equal(activity.TraceId, context.TraceId);
        Assert.Equal(activity.SpanId, context.SpanId);
        Assert.Equal("vendor=1", context.TraceState);
        Assert.True(context.IsRemote);
    }

    [Fact]
    public void Missing_or_malformed_context_gives_none()
    {
        Assert.Equal(default, TraceContextProperties.Extract(new Dictionary<string, object?>()));
        Assert.Equal(default, TraceContextProperties.Extract(new Dictionary<string, object?> { ["traceparent"] = "garbage" }));
    }
}
