using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Hl7.Definitions;

/// <summary>
/// The HL7 v2 definitions embedded in this assembly (generated from the hl7-dictionary package by
/// <c>tools/hl7-definitions</c>). Each version is read on first use and then kept for the life of the process.
/// </summary>
public static class Hl7Definitions
{
    private const string ResourcePrefix = "IntegrationHub.Hl7.Definitions.Data.hl7-";

    // Declared before the cache: static initialisers run in textual order and the cache reads this list.
    /// <summary>The versions with definitions, oldest first.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["2.3.1", "2.4", "2.5", "2.5.1", "2.6"];

    private static readonly FrozenDictionary<string, Lazy<Hl7VersionDefinition>> Cache = CreateCache();

    /// <summary>True when <paramref name="version"/> (exactly as MSH-12 writes it) has definitions.</summary>
    public static bool IsSupported(string? version) => version is not null && Cache.ContainsKey(version);

    /// <summary>The definitions of <paramref name="version"/> (e.g. <c>2.5.1</c>).</summary>
    /// <exception cref="ArgumentException">The version has no definitions.</exception>
    public static Hl7VersionDefinition For(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!Cache.TryGetValue(version, out var definition))
        {
            throw new ArgumentException(
                $"There are no HL7 definitions for version '{version}'. Supported versions: {string.Join(", ", SupportedVersions)}.",
                nameof(version));
        }

        return definition.Value;
    }

    /// <summary>The definitions of <paramref name="version"/>, or false when there are none.</summary>
    public static bool TryFor(string? version, [NotNullWhen(true)] out Hl7VersionDefinition? definition)
    {
        if (version is not null && Cache.TryGetValue(version, out var lazy))
        {
            definition = lazy.Value;
            return true;
        }

        definition = null;
        return false;
    }

    private static FrozenDictionary<string, Lazy<Hl7VersionDefinition>> CreateCache()
    {
        var cache = new Dictionary<string, Lazy<Hl7VersionDefinition>>(StringComparer.Ordinal);
        foreach (var version in SupportedVersions)
        {
            cache[version] = new Lazy<Hl7VersionDefinition>(() => Load(version), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        return cache.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Hl7VersionDefinition Load(string version)
    {
        var name = ResourcePrefix + version + ".json";
        using var stream = typeof(Hl7Definitions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {typeof(Hl7Definitions).Assembly.GetName().Name}.");
        return Hl7DefinitionReader.Read(stream, version);
    }
}
