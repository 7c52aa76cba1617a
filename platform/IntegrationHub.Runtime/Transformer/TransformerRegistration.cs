using System.Diagnostics.CodeAnalysis;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.ServiceDefaults.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Runtime.Transformer;

public static class TransformerRegistration
{
    /// <summary>A transformer service (spec §4) running <typeparamref name="T"/> over its ingress session.</summary>
    public static IHostApplicationBuilder AddTransformer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IHostApplicationBuilder builder)
        where T : class, IHl7Transformer
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubRuntime();
        builder.Services.AddServiceSettings<TransformerSettings>();
        builder.Services.AddSingleton<IHl7Transformer, T>();
        builder.Services.AddSingleton<TransformerHandler>();
        builder.Services.AddHostedService<TransformerService>();
        return builder;
    }
}
