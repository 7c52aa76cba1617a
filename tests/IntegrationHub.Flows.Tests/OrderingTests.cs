using System.Globalization;
using IntegrationHub.Flows.Tests.Support;
using IntegrationHub.Phw;

namespace IntegrationHub.Flows.Tests;

/// <summary>One session per queue makes each flow FIFO end to end (spec §2.6, ARCHITECTURE "ordering per session").</summary>
public sealed class OrderingTests
{
    private const int Count = 50;
    private const string SampleControlId = "202505052323364444444444";

    [Fact]
    public async Task Fifty_messages_sent_one_after_another_reach_the_MPI_in_the_order_they_were_acknowledged()
    {
        var flow = HubFlows.Phw;
        var sample = SharedFiles.Sample(PhwFlow.WorkflowId);
        Assert.Contains($"|{SampleControlId}|", sample, StringComparison.Ordinal);
        var inputs = Enumerable.Range(1, Count)
            .Select(i => sample.Replace($"|{SampleControlId}|", $"|ORDER{i.ToString("D3", CultureInfo.InvariantCulture)}|", StringComparison.Ordinal))
            .ToArray();
        await using var hub = await FlowHub.StartAsync(flow);

        // Each send waits for its ACK, so the server's publish order is this order.
        foreach (var input in inputs)
        {
            FlowAssert.AckedAa(await hub.SendAsync(input), input);
        }

        var received = await hub.WaitForMpiAsync(Count, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, Count).Select(i => $"ORDER{i:D3}"), FlowAssert.ControlIds(received));
        for (var i = 0; i < Count; i++)
        {
            FlowAssert.DeliveredAsTransformed(flow, inputs[i], received[i]);
        }
    }
}
