using System.Globalization;
using IntegrationHub.Load;

// dotnet run -c Release --project benchmarks/IntegrationHub.Load -- <scenario> [--name value ...] [--data DIR]
// Load runs measure real components end to end (throughput, latency, memory); BenchmarkDotNet covers the
// in-process micro-benchmarks in benchmarks/IntegrationHub.Benchmarks. Numbers go to docs/benchmarks.md.
var scenarios = typeof(ILoadScenario).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILoadScenario).IsAssignableFrom(t))
    .Select(t => (ILoadScenario)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToDictionary(s => s.Name, StringComparer.Ordinal);

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine("usage: IntegrationHub.Load <scenario> [--name value ...] [--data DIR]");
    foreach (var s in scenarios.Values)
    {
        Console.Error.WriteLine($"  {s.Name,-24} {s.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

// Default scratch space: the working directory's disk (not /tmp, which may be RAM and would flatter fsync).
var root = options.GetValueOrDefault("data") ?? Path.Combine(Environment.CurrentDirectory, ".load-data");
var data = Directory.CreateDirectory(Path.Combine(root, $"{scenario.Name}-{DateTime.UtcNow:yyyyMMddHHmmss}")).FullName;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}: {scenario.Description}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {LoadAverage()}, data {data}"));
try
{
    await scenario.RunAsync(new LoadContext(options, data), cancel.Token);
}
finally
{
    if (!options.ContainsKey("keep"))
    {
        Directory.Delete(data, recursive: true);
    }
}

return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
