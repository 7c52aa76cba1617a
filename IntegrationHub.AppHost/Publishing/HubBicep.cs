using System.Text;
using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>
/// Writes <c>infra/hub.bicep</c>: every queue of the model, and one <c>app.bicep</c> module per service with its
/// ingress, probe port, replica bounds, environment and queue rights from the <see cref="DeploymentPlan"/>.
/// </summary>
internal static class HubBicep
{
    // Deployment parameters a model's environment variable may name, with how the value becomes a string.
    private static readonly Dictionary<string, string> ParameterValues = new(StringComparer.Ordinal)
    {
        ["mpiHost"] = "mpiHost",
        ["mpiPort"] = "string(mpiPort)",
    };

    public static string Render(DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.Append("""
            // The hub's queues and services, from the AppHost's model. Written by `dotnet run --project IntegrationHub.AppHost --
            // publish`; edit the model and publish again rather than this file.
            param environmentName string
            param location string
            param tags object
            param serviceBusNamespaceName string
            param containerAppsEnvironmentId string
            param registryName string
            param applicationInsightsName string
            param mpiHost string
            param mpiPort int

            resource bus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
              name: serviceBusNamespaceName
            }

            """);
        text.Append('\n');
        foreach (var queue in plan.Queues)
        {
            text.Append(Queue(queue));
        }

        foreach (var app in plan.Apps)
        {
            text.Append(App(app, plan));
        }

        return text.ToString();
    }

    /// <summary>The Bicep identifier of a queue or app (names are kebab-case; identifiers are camelCase).</summary>
    public static string Identifier(string prefix, string name)
    {
        var text = new StringBuilder(prefix);
        foreach (var part in name.Split('-', '_', '.'))
        {
            if (part.Length > 0)
            {
                text.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
            }
        }

        return text.ToString();
    }

    private static string Queue(QueuePlan queue) => $$"""
        resource {{Identifier("queue", queue.Name)}} 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
          parent: bus
          name: {{BicepText.String(queue.Name)}}
          properties: {
            requiresSession: {{BicepText.Bool(queue.RequiresSession)}}
            lockDuration: {{BicepText.String(Iso8601.Duration(queue.LockDuration))}}
            maxDeliveryCount: {{BicepText.Int(queue.MaxDeliveryCount)}}
            defaultMessageTimeToLive: {{BicepText.String(Iso8601.Duration(queue.Retention.TimeToLive))}}
            deadLetteringOnMessageExpiration: {{BicepText.Bool(queue.Retention.DeadLetterOnExpiration)}}
            requiresDuplicateDetection: false
          }
        }


        """;

    private static string App(AppPlan app, DeploymentPlan plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInvariant($"// {app.Name}: {app.Replicas.Min}-{app.Replicas.Max} replicas ({app.Replicas.Reason}).\n"));
        text.Append(CultureInvariant($"module {Identifier("app", app.Name)} 'app.bicep' = {{\n"));
        text.Append(CultureInvariant($"  name: {BicepText.String("app-" + app.Name)}\n"));
        text.Append("  params: {\n");
        text.Append(CultureInvariant($"    name: '${{environmentName}}-{app.Name}'\n"));
        text.Append(CultureInvariant($"    serviceName: {BicepText.String(app.Name)}\n"));
        text.Append(CultureInvariant($"    flowId: {BicepText.String(app.WorkflowId)}\n"));
        text.Append("""
                location: location
                tags: tags
                containerAppsEnvironmentId: containerAppsEnvironmentId
                registryName: registryName
                serviceBusNamespaceName: bus.name
                applicationInsightsName: applicationInsightsName

            """);
        text.Append(CultureInvariant($"    ingressPort: {BicepText.Int(app.IngressPort ?? 0)}\n"));
        text.Append(CultureInvariant($"    healthPort: {BicepText.Int(app.HealthPort)}\n"));
        text.Append(CultureInvariant($"    minReplicas: {BicepText.Int(app.Replicas.Min)}\n"));
        text.Append(CultureInvariant($"    maxReplicas: {BicepText.Int(app.Replicas.Max)}\n"));
        text.Append("    env: [\n");
        foreach (var variable in app.Environment)
        {
            text.Append("      {\n");
            text.Append(CultureInvariant($"        name: {BicepText.String(variable.Name)}\n"));
            text.Append(CultureInvariant($"        value: {Value(app, variable)}\n"));
            text.Append("      }\n");
        }

        text.Append("    ]\n");
        // Queue names are passed as the queue resources' names, so Bicep deploys each queue before the rights on it.
        text.Append(QueueList("sendQueues", app.SendQueues, plan));
        text.Append(QueueList("receiveQueues", app.ReceiveQueues, plan));
        text.Append("  }\n}\n\n");
        return text.ToString();
    }

    private static string Value(AppPlan app, EnvSetting variable)
    {
        if (variable.Parameter is null)
        {
            return BicepText.String(variable.Value ?? string.Empty);
        }

        return ParameterValues.TryGetValue(variable.Parameter, out var expression)
            ? expression
            : throw new InvalidOperationException($"{app.Name}: {variable.Name} names the deployment parameter '{variable.Parameter}', which the Bicep does not declare.");
    }

    private static string QueueList(string name, IReadOnlyList<string> queues, DeploymentPlan plan)
    {
        if (queues.Count == 0)
        {
            return CultureInvariant($"    {name}: []\n");
        }

        var text = new StringBuilder(CultureInvariant($"    {name}: [\n"));
        foreach (var queue in queues)
        {
            var declared = plan.Queues.Single(q => q.Name == queue);
            text.Append(CultureInvariant($"      {Identifier("queue", declared.Name)}.name\n"));
        }

        return text.Append("    ]\n").ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
