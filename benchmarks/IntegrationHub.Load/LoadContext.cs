using System.Globalization;

namespace IntegrationHub.Load;

/// <summary>The run's options (<c>--name value</c> pairs) and a scratch folder on the disk being measured.</summary>
internal sealed class LoadContext(IReadOnlyDictionary<string, string> options, string dataDirectory)
{
    /// <summary>A fresh folder for this run's stores; on the same disk the fsync probe measures.</summary>
    public string DataDirectory { get; } = dataDirectory;

    public int Int(string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public TimeSpan Seconds(string name, double fallback) =>
        TimeSpan.FromSeconds(options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback);

    public string? Text(string name) => options.GetValueOrDefault(name);

    /// <summary>A new sub-folder of <see cref="DataDirectory"/>.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(DataDirectory, name)).FullName;

    /// <summary>Prints one measured value in a form that can be pasted into docs/benchmarks.md.</summary>
    public static void Report(string metric, double value, string unit, string? note = null) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {metric} | {value:#,0.##} {unit} | {note} |"));
}
