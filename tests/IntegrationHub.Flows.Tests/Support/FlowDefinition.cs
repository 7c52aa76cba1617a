using IntegrationHub.Chemo;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Paris;
using IntegrationHub.Phw;
using IntegrationHub.Pims;
using IntegrationHub.Runtime.Server;
using IntegrationHub.Runtime.Transformer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Flows.Tests.Support;

/// <summary>
/// One flow as its executables compose it: the variables of spec §21.2 taken from the flow's constants, and the
/// same registrations as the flow's server, transformer and sender Program.cs.
/// </summary>
internal sealed class FlowDefinition
{
    /// <summary>The message-store queue every server and sender writes to locally (spec §1, §21.3).</summary>
    public const string MessageStoreQueue = "local-inthub-messagestore";

    public required string Name { get; init; }

    public required string WorkflowId { get; init; }

    public required string HealthBoard { get; init; }

    public required string ServerMicroserviceId { get; init; }

    public required string SendingApps { get; init; }

    public required string Hl7Version { get; init; }

    public required string ValidationFlow { get; init; }

    /// <summary>Where the server publishes: the pre-transform queue, or the post-transform one for Paris.</summary>
    public required string ServerEgressQueue { get; init; }

    public required string ServerEgressSession { get; init; }

    /// <summary>The same calls as the flow's server Program.cs after <c>AddServiceDefaults</c>.</summary>
    public required Action<IHostApplicationBuilder> AddServer { get; init; }

    /// <summary>Null for Paris (no transformer).</summary>
    public TransformerStage? Transformer { get; init; }

    public required string SenderIngressQueue { get; init; }

    public required string SenderIngressSession { get; init; }

    public required string SenderMicroserviceId { get; init; }

    public static FlowDefinition Phw { get; } = new()
    {
        Name = PhwFlow.ValidationFlow,
        WorkflowId = PhwFlow.WorkflowId,
        HealthBoard = PhwFlow.HealthBoard,
        ServerMicroserviceId = PhwFlow.ServerMicroserviceId,
        SendingApps = PhwFlow.SendingApp,
        Hl7Version = PhwFlow.Hl7Version,
        ValidationFlow = PhwFlow.ValidationFlow,
        ServerEgressQueue = PhwFlow.TransformerIngressQueue,
        ServerEgressSession = PhwFlow.TransformerIngressSession,
        AddServer = builder =>
        {
            builder.AddHl7Server();
            builder.Services.AddSingleton<IMessageRule, PhwDateOfBirthRule>();
            builder.Services.AddSingleton(PhwStructures.Validation);
        },
        Transformer = new TransformerStage(PhwFlow.TransformerMicroserviceId, new PhwTransformer(), builder => builder.AddTransformer<PhwTransformer>()),
        SenderIngressQueue = PhwFlow.SenderIngressQueue,
        SenderIngressSession = PhwFlow.SenderIngressSession,
        SenderMicroserviceId = PhwFlow.SenderMicroserviceId,
    };

    public static FlowDefinition Chemo { get; } = new()
    {
        Name = ChemoFlow.ValidationFlow,
        WorkflowId = ChemoFlow.WorkflowId,
        HealthBoard = ChemoFlow.HealthBoard,
        ServerMicroserviceId = ChemoFlow.ServerMicroserviceId,
        SendingApps = ChemoFlow.SendingApps,
        Hl7Version = ChemoFlow.Hl7Version,
        ValidationFlow = ChemoFlow.ValidationFlow,
        ServerEgressQueue = ChemoFlow.ServerEgressQueue,
        ServerEgressSession = ChemoFlow.ServerEgressSession,
        AddServer = builder =>
        {
            builder.AddHl7Server();
            builder.Services.AddSingleton(ChemoStructures.Validation);
        },
        Transformer = new TransformerStage(ChemoFlow.TransformerMicroserviceId, new ChemoTransformer(), builder => builder.AddTransformer<ChemoTransformer>()),
        SenderIngressQueue = ChemoFlow.TransformerEgressQueue,
        SenderIngressSession = ChemoFlow.TransformerEgressSession,
        SenderMicroserviceId = ChemoFlow.SenderMicroserviceId,
    };

    public static FlowDefinition Pims { get; } = new()
    {
        Name = PimsFlow.ValidationFlow,
        WorkflowId = PimsFlow.WorkflowId,
        HealthBoard = PimsFlow.HealthBoard,
        ServerMicroserviceId = PimsFlow.ServerMicroserviceId,
        SendingApps = PimsFlow.SendingApp,
        Hl7Version = PimsFlow.Hl7Version,
        ValidationFlow = PimsFlow.ValidationFlow,
        ServerEgressQueue = PimsFlow.PreTransformQueue,
        ServerEgressSession = PimsFlow.PreTransformSessionId,
        AddServer = builder =>
        {
            builder.AddHl7Server();
            builder.Services.AddSingleton(PimsStructures.Validation);
        },
        Transformer = new TransformerStage(PimsFlow.TransformerMicroserviceId, new PimsTransformer(), builder => builder.AddTransformer<PimsTransformer>()),
        SenderIngressQueue = PimsFlow.PostTransformQueue,
        SenderIngressSession = PimsFlow.PostTransformSessionId,
        SenderMicroserviceId = PimsFlow.SenderMicroserviceId,
    };

    public static FlowDefinition Paris { get; } = new()
    {
        Name = ParisFlow.ValidationFlow,
        WorkflowId = ParisFlow.WorkflowId,
        HealthBoard = ParisFlow.HealthBoard,
        ServerMicroserviceId = ParisFlow.ServerMicroserviceId,
        SendingApps = ParisFlow.SendingApp,
        Hl7Version = ParisFlow.Hl7Version,
        ValidationFlow = ParisFlow.ValidationFlow,
        ServerEgressQueue = ParisFlow.PostTransformQueue,
        ServerEgressSession = ParisFlow.PostTransformSessionId,
        AddServer = builder =>
        {
            builder.AddHl7Server();
            builder.Services.AddSingleton(ParisStructures.Validation);
        },
        SenderIngressQueue = ParisFlow.PostTransformQueue,
        SenderIngressSession = ParisFlow.PostTransformSessionId,
        SenderMicroserviceId = ParisFlow.SenderMicroserviceId,
    };

    /// <summary>The session queues the flow uses, named as in its constants.</summary>
    public IEnumerable<string> SessionQueues() =>
        new[] { ServerEgressQueue, SenderIngressQueue }.Distinct(StringComparer.Ordinal);
}

/// <summary>A flow's transformer: its service id, an instance to compute expected outputs, and its Program.cs call.</summary>
internal sealed record TransformerStage(string MicroserviceId, IHl7Transformer Rules, Action<IHostApplicationBuilder> AddTransformer);
