using IntegrationHub.AppHost.Testing;
using IntegrationHub.Hl7;
using IntegrationHub.Mllp;

namespace IntegrationHub.EndToEnd.Support;

/// <summary>The checks the end-to-end tests share.</summary>
internal static class HubAssert
{
    /// <summary>The server answered <c>MSA|AA|&lt;MSH-10&gt;</c>: the message is durably on the bus (spec §2.8).</summary>
    public static void AckedAa(MllpSendResult result, string controlId)
    {
        Assert.True(result.IsAckReceived, $"no ACK for {controlId} ({result.Status}: {result.Error})");
        var ack = Hl7Message.Parse(result.ResponseText);
        Assert.Equal("AA", ack.Get("MSA-1"));
        Assert.Equal(controlId, ack.Get("MSA-2"));
    }

    /// <summary>
    /// The MPI accepted exactly <paramref name="expected"/> (control ids), each once and in that order; attempts it
    /// refused or never answered may come in between.
    /// </summary>
    public static void AcceptedOnceInOrder(IReadOnlyList<string> expected, IEnumerable<MpiMessage> received)
    {
        var mine = expected.ToHashSet(StringComparer.Ordinal);
        var accepted = received.Where(m => m.Accepted && mine.Contains(m.ControlId)).Select(m => m.ControlId).ToList();
        var duplicates = accepted.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"accepted more than once: {string.Join(", ", duplicates.Take(10))}");
        Assert.Equal(expected.Count, accepted.Count);
        var firstOutOfOrder = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != accepted[i], -1);
        Assert.True(firstOutOfOrder < 0, $"out of order at {firstOutOfOrder}: expected {(firstOutOfOrder < 0 ? null : expected[firstOutOfOrder])}, got {(firstOutOfOrder < 0 ? null : accepted[firstOutOfOrder])}");
    }

    /// <summary>
    /// Sends the messages one after another, each on its own connection as the servers expect (spec §2.2: one message
    /// per connection), and checks each was ACKed AA before the next goes.
    /// </summary>
    public static async Task SendAllAsync(HubTestHost hub, string flow, IEnumerable<(string ControlId, string Er7)> messages)
    {
        foreach (var (controlId, er7) in messages)
        {
            AckedAa(await hub.SendAsync(flow, er7), controlId);
        }
    }
}
