using IntegrationHub.AppHost.Model;

namespace IntegrationHub.AppHost.Publishing;

/// <summary>A queue as deployed: its Azure name and the settings of the model.</summary>
public sealed record QueuePlan(string Name, bool RequiresSession, TimeSpan LockDuration, int MaxDeliveryCount, MessageRetention Retention);

/// <summary>An environment variable of a container app: a fixed value, or the name of a deployment parameter.</summary>
public sealed record EnvSetting(string Name, string? Value, string? Parameter);

/// <summary>
/// One container app: the service's project, its TCP ingress (servers only), health port, replica bounds, environment
/// and the queues its identity may send to and receive from.
/// </summary>
public sealed record AppPlan(
    string Name,
    string Flow,
    string WorkflowId,
    ServiceRole Role,
    ProjectInfo Project,
    int? IngressPort,
    int HealthPort,
    ReplicaRule Replicas,
    IReadOnlyList<EnvSetting> Environment,
    IReadOnlyList<string> SendQueues,
    IReadOnlyList<string> ReceiveQueues);

/// <summary>
/// What a deployment is made of, derived from the <see cref="HubModel"/> only: every flow's services become container
/// apps (local stand-ins are left out), local-only settings are dropped, container values replace local ones, and
/// each app's Service Bus rights follow from the queues named in its environment.
/// </summary>
public sealed record DeploymentPlan(IReadOnlyList<QueuePlan> Queues, IReadOnlyList<AppPlan> Apps)
{
    // The variables whose value is a queue the service receives from; the other *_QUEUE_NAME ones it sends to.
    private static readonly string[] ReceiveVariables = ["INGRESS_QUEUE_NAME"];
    private static readonly string[] SendVariables = ["EGRESS_QUEUE_NAME", "MESSAGE_STORE_QUEUE_NAME", "AUDIT_QUEUE_NAME"];

    /// <summary>Local queue names carry a "local-" prefix (spec §21.3); a deployment's namespace is already per environment.</summary>
    public static string QueueName(string localName)
    {
        ArgumentNullException.ThrowIfNull(localName);
        return localName.StartsWith("local-", StringComparison.Ordinal) ? localName["local-".Length..] : localName;
    }

    public static DeploymentPlan From(HubModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var queues = model.Queues
            .Select(q => new QueuePlan(QueueName(q.Name), q.RequiresSession, q.LockDuration, q.MaxDeliveryCount, q.Retention))
            .ToList();
        var apps = model.Flows
            .SelectMany(f => f.Services.Where(s => !s.LocalOnly).Select(s => App(f, s)))
            .ToList();
        var known = queues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            var unknown = app.SendQueues.Concat(app.ReceiveQueues).FirstOrDefault(q => !known.Contains(q));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"{app.Name} uses queue '{unknown}' that the model's bus does not declare.");
            }
        }

        return new DeploymentPlan(queues, apps);
    }

    private static AppPlan App(FlowResource flow, ServiceResource service)
    {
        var environment = new List<EnvSetting>();
        foreach (var variable in service.Environment.Where(e => !e.LocalOnly))
        {
            if (variable.IsSecret)
            {
                throw new InvalidOperationException($"{service.Name}: {variable.Name} is a secret and not marked local-only; a deployment carries no secrets.");
            }

            var value = variable.ContainerValue ?? variable.Value;
            environment.Add(variable.DeployParameter is { } parameter
                ? new EnvSetting(variable.Name, null, parameter)
                : new EnvSetting(variable.Name, IsQueueVariable(variable.Name) ? QueueName(value) : value, null));
        }

        var ingress = service.Endpoints.FirstOrDefault(e => e.External);
        var probe = service.Endpoints.First(e => e.IsProbe);
        return new AppPlan(
            service.Name,
            flow.Name,
            flow.WorkflowId,
            service.Role,
            service.Project,
            ingress?.PublishedPort,
            probe.PublishedPort,
            service.Replicas,
            environment,
            QueuesIn(environment, SendVariables),
            QueuesIn(environment, ReceiveVariables));
    }

    private static bool IsQueueVariable(string name) => name.EndsWith("_QUEUE_NAME", StringComparison.Ordinal);

    private static List<string> QueuesIn(List<EnvSetting> environment, string[] variables) =>
        environment
            .Where(e => variables.Contains(e.Name) && e.Value is { Length: > 0 })
            .Select(e => e.Value!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
