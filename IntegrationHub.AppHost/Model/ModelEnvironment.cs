namespace IntegrationHub.AppHost.Model;

/// <summary>
/// Changes to a built <see cref="HubModel"/>'s environment variables: tests shorten back-offs and timeouts, a
/// developer tries a setting on one service, without the topology or the builder knowing about either.
/// </summary>
public static class ModelEnvironment
{
    /// <summary>
    /// The model with <paramref name="name"/> set to <paramref name="value"/> on every service
    /// <paramref name="applies"/> selects (replacing the variable where the builder already set it).
    /// </summary>
    public static HubModel WithEnvironment(this HubModel model, Func<ServiceResource, bool> applies, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(applies);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);

        ServiceResource Apply(ServiceResource service) => applies(service) ? service.WithVariable(name, value) : service;

        var flows = model.Flows.Select(f => f with { Services = f.Services.Select(Apply).ToList() }).ToList();
        return model with { MockMpi = Apply(model.MockMpi), Flows = flows };
    }

    /// <summary>The model with <paramref name="name"/> set on the service called <paramref name="serviceName"/>.</summary>
    public static HubModel WithEnvironment(this HubModel model, string serviceName, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Services.Any(s => s.Name == serviceName))
        {
            throw new ArgumentException($"The model has no service '{serviceName}' (it has: {string.Join(", ", model.Services.Select(s => s.Name))}).", nameof(serviceName));
        }

        return model.WithEnvironment(s => s.Name == serviceName, name, value);
    }

    /// <summary>The service with <paramref name="name"/> set (replaced in place, so the variable order stays readable).</summary>
    public static ServiceResource WithVariable(this ServiceResource service, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(service);
        var existing = service.Environment.FirstOrDefault(e => e.Name == name);
        var variable = new EnvVar(name, value, existing?.IsSecret ?? false);
        var environment = existing is null
            ? [.. service.Environment, variable]
            : service.Environment.Select(e => e.Name == name ? variable : e).ToList();
        return service with { Environment = environment };
    }
}
