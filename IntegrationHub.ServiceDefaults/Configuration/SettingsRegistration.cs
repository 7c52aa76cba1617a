using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.ServiceDefaults.Configuration;

public static class SettingsRegistration
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as options bound from environment variables and validated when the host
    /// starts: a missing or bad variable stops the service with a message naming it. The settings object itself
    /// is also injectable.
    /// </summary>
    public static IServiceCollection AddServiceSettings<T>(this IServiceCollection services)
        where T : ServiceSettings, new()
    {
        services.AddOptions<T>()
            .Configure<IConfiguration>((settings, configuration) => settings.Load(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ServiceSettingsValidator<T>>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }
}
