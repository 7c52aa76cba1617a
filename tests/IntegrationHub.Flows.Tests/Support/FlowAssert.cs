using System.Globalization;
using System.Text.Json;
using IntegrationHub.AppHost.Model;
using IntegrationHub.Chemo;
using IntegrationHub.Hl7;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Mllp;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.Flows.Tests.Support;

/// <summary>The checks every flow test makes on the server's ACK and on what reached the mock MPI.</summary>
internal static class FlowAssert
{
    /// <summary>The server's ACK (spec §2.8): a frame came back and it is <c>MSA|AA|&lt;MSH-10&gt;</c>.</summary>
    public static void AckedAa(MllpSendResult result, string input)
    {
        Assert.True(result.IsAckReceived, $"no ACK from the server ({result.Status}: {result.Error})");
        var ack = Hl7Message.Parse(result.ResponseText);
        var controlId = Hl7Message.Parse(input).Get("MSH-10");
        Assert.Equal("AA", ack.Get("MSA-1"));
        Assert.Equal(controlId, ack.Get("MSA-2"));
        Assert.Equal(controlId, ack.Get("MSH-10"));
    }

    /// <summary>
    /// The MPI received what the flow's own rules make of <paramref name="input"/> — the transformer's output
    /// serialised as the transformer host does, or (Paris) the input unchanged — and answered AA.
    /// </summary>
    public static Hl7Message DeliveredAsTransformed(FlowDefinition flow, string input, RecordedMessage recorded)
    {
        Assert.Equal("AA", recorded.Response);
        var delivered = Hl7Message.Parse(recorded.Payload);
        if (RulesOf(flow) is not { } rules)
        {
            Assert.Equal(input, recorded.Payload);
            return delivered;
        }

        var expected = rules.Transform(Hl7Message.Parse(input), DateTime.Now).Output;
        if (Hl7Message.Parse(input).Get("MSH-7.1").Length == 0)
        {
            // With no MSH-7 the transformer stamps its own clock (spec §4.3): check the form, then compare the rest.
            var stamped = delivered.Get("MSH-7");
            Assert.True(
                DateTime.TryParseExact(stamped, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when),
                $"generated MSH-7 '{stamped}' is not yyyyMMddHHmmss");
            Assert.InRange(when, DateTime.Now.AddHours(-1), DateTime.Now.AddHours(1));
            expected.Set("MSH-7", stamped);
        }

        Assert.Equal(Readable(expected.EncodeNormalized()), Readable(recorded.Payload));
        return delivered;
    }

    /// <summary>
    /// Spec §1, §10.6: the server stores each message as received and the sender stores what it delivers, both under
    /// the correlation id the server gave the message (the transformer passes the properties through).
    /// </summary>
    public static async Task StoredByServerAndSenderAsync(FlowHub hub, IReadOnlyList<string> inputs, IReadOnlyList<RecordedMessage> delivered)
    {
        var records = (await hub.StoredAsync())
            .Select(m => JsonDocument.Parse(m.Body ?? "null").RootElement)
            .ToArray();
        var byServer = records.Where(r => r.GetProperty("ProcessingComponent").GetString() == hub.Flow.Server.MicroserviceId).ToArray();
        var bySender = records.Where(r => r.GetProperty("ProcessingComponent").GetString() == hub.Flow.Sender.MicroserviceId).ToArray();
        Assert.Equal(inputs, byServer.Select(r => r.GetProperty("RawPayload").GetString()));
        Assert.Equal(delivered.Select(d => d.Payload), bySender.Select(r => r.GetProperty("RawPayload").GetString()));
        for (var i = 0; i < inputs.Count; i++)
        {
            var correlationId = byServer[i].GetProperty("CorrelationId").GetString();
            Assert.True(Guid.TryParse(correlationId, out _), $"server correlation id '{correlationId}' is not a UUID");
            Assert.Equal(correlationId, bySender[i].GetProperty("CorrelationId").GetString());
            Assert.Equal(hub.ServerEgressSession, byServer[i].GetProperty("SessionId").GetString());
            Assert.Equal("MPI", byServer[i].GetProperty("TargetSystem").GetString());
        }
    }

    /// <summary>Control ids of what the MPI received, in arrival order.</summary>
    public static string[] ControlIds(IEnumerable<RecordedMessage> received) =>
        received.Select(r => Hl7Message.Parse(r.Payload).Get("MSH-10")).ToArray();

    /// <summary>The flow's own transformation rules (what its transformer process runs), or null for a flow without one.</summary>
    private static IHl7Transformer? RulesOf(FlowDefinition flow) => flow.Name switch
    {
        "phw" => new PhwTransformer(),
        "chemo" => new ChemoTransformer(),
        "pims" => new PimsTransformer(),
        _ => flow.Transformer is null ? null : throw new ArgumentException($"No rules known for flow '{flow.Name}'.", nameof(flow)),
    };

    // Segments on their own lines, so a failed comparison shows which segment differs.
    private static string Readable(string er7) => er7.Replace('\r', '\n');
}
