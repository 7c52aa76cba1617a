using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Testing;

namespace IntegrationHub.Load.Runtime;

/// <summary>
/// A hub executable (a flow's server/transformer/sender, the mock MPI) run as its own process from its Release build,
/// as it runs in production, with its memory read from /proc.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private long _peakRssBytes;

    private HubProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The highest resident set size seen by <see cref="SampleMemory"/>.</summary>
    public long PeakRssBytes => Interlocked.Read(ref _peakRssBytes);

    /// <summary>
    /// Starts <c>dotnet &lt;project&gt;.dll</c> from <c>&lt;projectDir&gt;/bin/Release/net10.0</c>, or, when
    /// <paramref name="nativeDirectory"/> holds <c>&lt;project&gt;/&lt;project&gt;</c>, that natively compiled executable
    /// (as the published containers run it).
    /// </summary>
    public static HubProcess Start(string name, string projectDirectory, IReadOnlyDictionary<string, string> environment, string? nativeDirectory = null)
    {
        var projectName = Path.GetFileName(projectDirectory.TrimEnd('/'));
        var native = nativeDirectory is null ? null : Path.Combine(nativeDirectory, projectName, projectName);
        ProcessStartInfo info;
        if (native is not null && File.Exists(native))
        {
            info = new ProcessStartInfo(native);
        }
        else
        {
            var dll = Path.Combine(Repository.Root, projectDirectory, "bin", "Release", "net10.0", projectName + ".dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"{dll} is missing: build it first with `dotnet build -c Release {projectDirectory}`.");
            }

            info = new ProcessStartInfo("dotnet");
            info.ArgumentList.Add(dll);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var hub = new HubProcess(name, process);
        process.OutputDataReceived += (_, e) => hub.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail => string.Join('\n', _output.TakeLast(20));

    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail}");
        }
    }

    /// <summary>Reads VmRSS now and keeps the peak; returns the current value in bytes.</summary>
    public long SampleMemory()
    {
        var rss = ReadStatusKilobytes("VmRSS") * 1024;
        long peak;
        while (rss > (peak = Interlocked.Read(ref _peakRssBytes)) && Interlocked.CompareExchange(ref _peakRssBytes, rss, peak) != peak)
        {
        }

        return rss;
    }

    /// <summary>CPU time (user + system) the process has used so far, from /proc/&lt;pid&gt;/stat (clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");

            // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>The kernel's own high-water mark of the resident set (VmHWM), in bytes.</summary>
    public long HighWaterMarkBytes => ReadStatusKilobytes("VmHWM") * 1024;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private long ReadStatusKilobytes(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has gone; the peak already seen stands.
        }

        return 0;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
