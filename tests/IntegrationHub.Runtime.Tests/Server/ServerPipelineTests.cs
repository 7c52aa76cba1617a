using System.Text;
using System.Text.Json;
using IntegrationHub.Mllp;
using IntegrationHub.Runtime.Tests.Support;

namespace IntegrationHub.Runtime.Tests.Server;

/// <summary>The server end to end: real MLLP socket in, real broker behind (spec §2.4, §2.8, §2.9).</summary>
public sealed class ServerPipelineTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string Valid =
        "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A31^ADT_A05|CTRL-0001|P|2.5\r" +
        "EVN||20250502092900\r" +
        "PID|||8888888^^^252^PI~4444444444^^^NHS^NH||SURNAME^FORENAME||19990101|M\r" +
        "PV1||U\r";

    [Fact]
    public async Task A_valid_message_is_published_byte_for_byte_then_acknowledged()
    {
        await using var server = await ServerHost.StartAsync(ServerHost.Variables(broker));

        var result = await server.SendAsync(Valid);

        Assert.Equal(MllpSendStatus.AckReceived, result.Status);
        var ack = Encoding.UTF8.GetString(result.Response!);
        Assert.Matches(@"^MSH\|\^~\\&\|100\|100\|252\|252\|\d{14}\|\|ACK\^A31\^ACK\|CTRL-0001\|P\|2\.5\rMSA\|AA\|CTRL-0001\r?$", ack);

        var published = Assert.Single(await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi"));
        Assert.Equal(Valid, published.BodyAsString());
        Assert.Equal("phw-to-mpi", published.SessionId);
        Assert.Equal("CTRL-0001", published.MessageId);
        Assert.Equal("phw-to-mpi", published.ApplicationProperties["WorkflowID"]);
        Assert.Equal("252", published.ApplicationProperties["SourceSystem"]);
        Assert.True(Guid.TryParse((string)published.ApplicationProperties["CorrelationId"]!, out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$", (string)published.ApplicationProperties["MessageReceivedAt"]!);

        var stored = Assert.Single(await broker.DrainAsync(BrokerFixture.Store));
        using var record = JsonDocument.Parse(stored.Body);
        Assert.Equal(Valid, record.RootElement.GetProperty("RawPayload").GetString());
        Assert.Equal(published.ApplicationProperties["CorrelationId"], record.RootElement.GetProperty("CorrelationId").GetString());
        Assert.Equal("phw_hl7_server", record.RootElement.GetProperty("ProcessingComponent").GetString());
        Assert.Equal("MPI", record.RootElement.GetProperty("TargetSystem").GetString());
        Assert.Equal("phw-to-mpi", record.RootElement.GetProperty("SessionId").GetString());
        Assert.StartsWith("<ns0:ADT_A05", record.RootElement.GetProperty("XmlPayload").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A01^ADT_A01|C2|P|2.5\rPID|1\r", "unsupported type")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|C3|P|2.4\rPID|1\r", "wrong version")]
    [InlineData("MSH|^~\\&|253|252|100|100|20250505||ADT^A31^ADT_A05|C4|P|2.5\rPID|1\r", "sending app")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|C5|P|2.5\rXXX|1\r", "unknown segment")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|C6|P|2.9\rPID|1\r", "unsupported version")]
    [InlineData("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|C7|P|2.5\r\rPID|1\r", "empty segment")]
    [InlineData("NOT HL7 AT ALL", "not HL7")]
    public async Task A_refused_message_gets_no_byte_back_and_nothing_is_published(string payload, string why)
    {
        await using var server = await ServerHost.StartAsync(ServerHost.Variables(broker));

        var result = await server.SendAsync(payload);

        Assert.True(result.Status == MllpSendStatus.ConnectionClosed, $"{why}: expected a silent close, got {result.Status}");
        Assert.True(result.Response is null || result.Response.Length == 0, why);
        Assert.Empty(await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi", TimeSpan.FromMilliseconds(500)));
        await broker.DrainAsync(BrokerFixture.Store, wait: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task In_NACK_mode_a_refused_message_is_answered_with_an_error_ACK()
    {
        var variables = ServerHost.Variables(broker);
        variables["HL7_REJECTION_MODE"] = "nack";
        await using var server = await ServerHost.StartAsync(variables);

        var wrongVersion = await server.SendAsync("MSH|^~\\&|252|252|100|100|20250505||ADT^A31^ADT_A05|C8|P|2.4\rPID|1\r");
        var unsupported = await server.SendAsync("MSH|^~\\&|252|252|100|100|20250505||ADT^A01^ADT_A01|C9|P|2.5\rPID|1\r");

        Assert.Contains("\rMSA|AE|C8", Encoding.UTF8.GetString(wrongVersion.Response!), StringComparison.Ordinal);
        Assert.Contains("Message has wrong version", Encoding.UTF8.GetString(wrongVersion.Response!), StringComparison.Ordinal);
        Assert.Contains("\rMSA|AR|C9", Encoding.UTF8.GetString(unsupported.Response!), StringComparison.Ordinal);
        Assert.Empty(await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi", TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_frame_over_the_size_limit_is_closed_without_an_ACK()
    {
        var variables = ServerHost.Variables(broker);
        variables["MAX_MESSAGE_SIZE_BYTES"] = (Encoding.UTF8.GetByteCount(Valid) + 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await ServerHost.StartAsync(variables);

        var atLimit = await server.SendAsync(Valid);
        var overLimit = await server.SendAsync(Valid.Replace("CTRL-0001", "CTRL-00012", StringComparison.Ordinal));

        Assert.Equal(MllpSendStatus.AckReceived, atLimit.Status);
        Assert.NotEqual(MllpSendStatus.AckReceived, overLimit.Status);
        Assert.Single(await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi"));
        await broker.DrainAsync(BrokerFixture.Store, wait: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Odd_sending_application_values_still_get_their_ACK()
    {
        var variables = ServerHost.Variables(broker);
        variables.Remove("SENDING_APP");
        await using var server = await ServerHost.StartAsync(variables);
        var payload = Valid.Replace("MSH|^~\\&|252|252|", "MSH|^~\\&|APP^1.2.3^ISO^EXTRA|FACILITY-NAME-LONGER-THAN-TWENTY&X|", StringComparison.Ordinal);

        var result = await server.SendAsync(payload);

        Assert.Equal(MllpSendStatus.AckReceived, result.Status);
        Assert.Contains("|APP^1.2.3^ISO^EXTRA|FACILITY-NAME-LONGER-THAN-TWENTY&X|", Encoding.UTF8.GetString(result.Response!), StringComparison.Ordinal);
        Assert.Single(await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi"));
        await broker.DrainAsync(BrokerFixture.Store, wait: TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Every_event_also_goes_to_the_audit_queue_with_patient_data_redacted()
    {
        var variables = ServerHost.Variables(broker);
        variables["AUDIT_QUEUE_NAME"] = BrokerFixture.Audit;
        var payload = Valid.Replace("CTRL-0001", "AUDIT-1", StringComparison.Ordinal);
        await using (var server = await ServerHost.StartAsync(variables))
        {
            Assert.Equal(MllpSendStatus.AckReceived, (await server.SendAsync(payload)).Status);
        }

        var events = await broker.DrainAuditEventsAsync();
        var types = events.Where(e => e.GetProperty("control_id").GetString() == "AUDIT-1")
            .Select(e => e.GetProperty("event_type").GetString()).ToList();
        Assert.Equal(["MESSAGE_RECEIVED", "VALIDATION_SUCCESS", "MESSAGE_PROCESSED"], types);
        Assert.All(events, e => Assert.DoesNotContain("SURNAME", e.GetRawText(), StringComparison.Ordinal));
        Assert.All(events, e => Assert.Contains("MSH|", e.GetProperty("message_content").GetString(), StringComparison.Ordinal));
        await broker.DrainAsync(BrokerFixture.TransformerIngress, "phw-to-mpi");
        await broker.DrainAsync(BrokerFixture.Store);
    }
}
