using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.ServiceDefaults.Configuration;

/// <summary>
/// Settings read from environment variables. A subclass reads its variables in <see cref="Read"/>; the problems
/// found (each naming its variable) fail the host at start-up through options validation.
/// </summary>
public abstract class ServiceSettings
{
    /// <summary>What was wrong with the variables when the settings were read; empty when all is well.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Reads the settings from <paramref name="configuration"/>, recording problems instead of throwing.</summary>
    public void Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        Read(reader);
        Problems = reader.Errors;
    }

    protected abstract void Read(SettingsReader reader);
}

/// <summary>Turns the problems a settings object recorded into an options validation failure.</summary>
internal sealed class ServiceSettingsValidator<T> : IValidateOptions<T>
    where T : ServiceSettings
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
}
