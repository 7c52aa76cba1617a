using IntegrationHub.Chemo;
using IntegrationHub.Paris;
using IntegrationHub.Phw;
using IntegrationHub.Pims;

namespace IntegrationHub.AppHost.Model;

/// <summary>A queue and the session id its messages carry.</summary>
public sealed record QueueHop(string Queue, string SessionId);

/// <summary>One executable of a flow: its MICROSERVICE_ID and its project.</summary>
public sealed record StageDefinition(string MicroserviceId, ProjectInfo Project);

/// <summary>
/// What the hub needs to know about a flow, taken from the flow library's constants (spec §21.2) so the flow's
/// own tests, the CLI and the AppHost can never disagree. <see cref="PreTransform"/> and <see cref="Transformer"/>
/// are null for a flow without a transformer (Paris): its server publishes straight to <see cref="PostTransform"/>.
/// </summary>
public sealed record FlowDefinition(
    string Name,
    string WorkflowId,
    int MllpPort,
    string SendingApps,
    string Hl7Version,
    string ValidationFlow,
    string HealthBoard,
    string PeerService,
    StageDefinition Server,
    StageDefinition? Transformer,
    StageDefinition Sender,
    QueueHop? PreTransform,
    QueueHop PostTransform);

/// <summary>The four flows of the hub.</summary>
public static class Flows
{
    public static FlowDefinition Phw { get; } = new(
        "phw", PhwFlow.WorkflowId, PhwFlow.MllpPort, PhwFlow.SendingApp, PhwFlow.Hl7Version, PhwFlow.ValidationFlow, PhwFlow.HealthBoard, PhwFlow.PeerService,
        Stage(PhwFlow.ServerMicroserviceId, "phw", "Phw", "Server"),
        Stage(PhwFlow.TransformerMicroserviceId, "phw", "Phw", "Transformer"),
        Stage(PhwFlow.SenderMicroserviceId, "phw", "Phw", "Sender"),
        new QueueHop(PhwFlow.TransformerIngressQueue, PhwFlow.TransformerIngressSession),
        new QueueHop(PhwFlow.SenderIngressQueue, PhwFlow.SenderIngressSession));

    public static FlowDefinition Paris { get; } = new(
        "paris", ParisFlow.WorkflowId, ParisFlow.MllpPort, ParisFlow.SendingApp, ParisFlow.Hl7Version, ParisFlow.ValidationFlow, ParisFlow.HealthBoard, ParisFlow.PeerService,
        Stage(ParisFlow.ServerMicroserviceId, "paris", "Paris", "Server"),
        null,
        Stage(ParisFlow.SenderMicroserviceId, "paris", "Paris", "Sender"),
        null,
        new QueueHop(ParisFlow.PostTransformQueue, ParisFlow.PostTransformSessionId));

    public static FlowDefinition Chemo { get; } = new(
        "chemo", ChemoFlow.WorkflowId, ChemoFlow.MllpPort, ChemoFlow.SendingApps, ChemoFlow.Hl7Version, ChemoFlow.ValidationFlow, ChemoFlow.HealthBoard, ChemoFlow.PeerService,
        Stage(ChemoFlow.ServerMicroserviceId, "chemo", "Chemo", "Server"),
        Stage(ChemoFlow.TransformerMicroserviceId, "chemo", "Chemo", "Transformer"),
        Stage(ChemoFlow.SenderMicroserviceId, "chemo", "Chemo", "Sender"),
        new QueueHop(ChemoFlow.ServerEgressQueue, ChemoFlow.ServerEgressSession),
        new QueueHop(ChemoFlow.TransformerEgressQueue, ChemoFlow.TransformerEgressSession));

    public static FlowDefinition Pims { get; } = new(
        "pims", PimsFlow.WorkflowId, PimsFlow.MllpPort, PimsFlow.SendingApp, PimsFlow.Hl7Version, PimsFlow.ValidationFlow, PimsFlow.HealthBoard, PimsFlow.PeerService,
        Stage(PimsFlow.ServerMicroserviceId, "pims", "Pims", "Server"),
        Stage(PimsFlow.TransformerMicroserviceId, "pims", "Pims", "Transformer"),
        Stage(PimsFlow.SenderMicroserviceId, "pims", "Pims", "Sender"),
        new QueueHop(PimsFlow.PreTransformQueue, PimsFlow.PreTransformSessionId),
        new QueueHop(PimsFlow.PostTransformQueue, PimsFlow.PostTransformSessionId));

    public static IReadOnlyList<FlowDefinition> All { get; } = [Phw, Paris, Chemo, Pims];

    private static StageDefinition Stage(string microserviceId, string folder, string flow, string role)
    {
        var assembly = $"IntegrationHub.{flow}.{role}";
        return new StageDefinition(microserviceId, new ProjectInfo(assembly, $"flows/{folder}/{assembly}/{assembly}.csproj"));
    }
}
