using System.Text.RegularExpressions;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Publishing;

namespace IntegrationHub.AppHost.Tests.Publishing;

/// <summary>
/// Least privilege, read from the generated Bicep: each app's identity gets Data Sender on exactly the queues it writes
/// and Data Receiver on exactly the queues it reads, with the expectation built from the flow definitions (not from the
/// plan that produced the Bicep): servers send to their egress, store and audit queues; transformers receive their
/// ingress and send to their egress and audit queues; senders receive their ingress and send to the store and audit queues.
/// </summary>
public sealed partial class RoleAssignmentTests
{
    private const string Store = "inthub-messagestore";
    private const string Audit = "inthub-audit";

    private static readonly string HubBicepText = PublishedHub.Files["infra/hub.bicep"];
    private static readonly string AppBicepText = PublishedHub.Files["infra/app.bicep"];

    private sealed record Rights(IReadOnlySet<string> Send, IReadOnlySet<string> Receive);

    [GeneratedRegex(@"resource (?<id>\w+) 'Microsoft\.ServiceBus/namespaces/queues@[^']+' = \{\n  parent: bus\n  name: '(?<name>[^']+)'")]
    private static partial Regex QueueDeclaration();

    [GeneratedRegex(@"module \w+ 'app\.bicep' = \{\n(?<body>.*?)\n\}\n", RegexOptions.Singleline)]
    private static partial Regex AppModule();

    private static Dictionary<string, Rights> RightsInBicep()
    {
        var queues = QueueDeclaration().Matches(HubBicepText).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["name"].Value);
        var rights = new Dictionary<string, Rights>();
        foreach (Match module in AppModule().Matches(HubBicepText))
        {
            var body = module.Groups["body"].Value;
            var service = Regex.Match(body, @"serviceName: '([^']+)'").Groups[1].Value;
            rights.Add(service, new Rights(QueueList(body, "sendQueues", queues), QueueList(body, "receiveQueues", queues)));
        }

        return rights;
    }

    private static HashSet<string> QueueList(string body, string parameter, Dictionary<string, string> queues)
    {
        var list = Regex.Match(body, parameter + @": \[(?<items>[^\]]*)\]").Groups["items"].Value;
        return Regex.Matches(list, @"(\w+)\.name").Select(m => queues[m.Groups[1].Value]).ToHashSet();
    }

    private static Dictionary<string, Rights> RightsFromFlowDefinitions()
    {
        var expected = new Dictionary<string, Rights>();
        foreach (var flow in Flows.All)
        {
            var post = DeploymentPlan.QueueName(flow.PostTransform.Queue);
            if (flow.PreTransform is { } preHop)
            {
                var pre = DeploymentPlan.QueueName(preHop.Queue);
                expected[$"{flow.Name}-server"] = new Rights(new HashSet<string> { pre, Store, Audit }, new HashSet<string>());
                expected[$"{flow.Name}-transformer"] = new Rights(new HashSet<string> { post, Audit }, new HashSet<string> { pre });
            }
            else
            {
                expected[$"{flow.Name}-server"] = new Rights(new HashSet<string> { post, Store, Audit }, new HashSet<string>());
            }

            expected[$"{flow.Name}-sender"] = new Rights(new HashSet<string> { Store, Audit }, new HashSet<string> { post });
        }

        return expected;
    }

    [Fact]
    public void Every_app_may_send_and_receive_on_exactly_the_queues_it_uses()
    {
        var actual = RightsInBicep();
        var expected = RightsFromFlowDefinitions();
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (service, rights) in expected)
        {
            Assert.True(rights.Send.SetEquals(actual[service].Send), $"{service} sends to [{string.Join(", ", actual[service].Send)}]");
            Assert.True(rights.Receive.SetEquals(actual[service].Receive), $"{service} receives from [{string.Join(", ", actual[service].Receive)}]");
        }
    }

    [Fact]
    public void The_queue_rights_are_the_service_bus_data_roles_scoped_to_each_queue_and_nothing_wider()
    {
        Assert.Contains("'69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'", AppBicepText, StringComparison.Ordinal);
        Assert.Contains("'4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'", AppBicepText, StringComparison.Ordinal);
        Assert.Contains("scope: sendTo[i]", AppBicepText, StringComparison.Ordinal);
        Assert.Contains("scope: receiveFrom[i]", AppBicepText, StringComparison.Ordinal);
        // No namespace-wide grant: the only role assignments scoped elsewhere are image pull and telemetry.
        var scopes = Regex.Matches(AppBicepText, @"^  scope: (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(["sendTo[i]", "receiveFrom[i]", "registry", "insights"], scopes);
        // Owner / Data Owner never appear.
        Assert.DoesNotContain("090c5cfd-751d-490a-894a-3ce6f1109419", AppBicepText, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_queue_of_the_model_is_declared_with_its_settings_in_iso_8601()
    {
        foreach (var queue in PublishedHub.Model.Queues)
        {
            var name = DeploymentPlan.QueueName(queue.Name);
            var declaration = Regex.Match(HubBicepText, $@"name: '{Regex.Escape(name)}'\n  properties: \{{\n(?<body>.*?)\n  \}}", RegexOptions.Singleline);
            Assert.True(declaration.Success, name);
            var body = declaration.Groups["body"].Value;
            Assert.Contains($"requiresSession: {(queue.RequiresSession ? "true" : "false")}", body, StringComparison.Ordinal);
            Assert.Contains("lockDuration: 'PT1M'", body, StringComparison.Ordinal);
            Assert.Contains("maxDeliveryCount: 10", body, StringComparison.Ordinal);
            Assert.Contains($"defaultMessageTimeToLive: '{(queue.Retention.DeadLetterOnExpiration ? "P14D" : "PT1H")}'", body, StringComparison.Ordinal);
            Assert.Contains($"deadLetteringOnMessageExpiration: {(queue.Retention.DeadLetterOnExpiration ? "true" : "false")}", body, StringComparison.Ordinal);
        }

        Assert.Equal(PublishedHub.Model.Queues.Count(), QueueDeclaration().Count(HubBicepText));
    }
}
