using System.Globalization;
using System.Runtime;

namespace IntegrationHub.Bus.Emulator.Admin;

/// <summary>
/// The broker's memory as the operating system sees it, for load runs and capacity checks: resident set size
/// after a full, compacting collection (so garbage awaiting collection is not counted) and the managed heap.
/// </summary>
internal sealed record ProcessMemory(long RssBytes, long ManagedBytes)
{
    public static ProcessMemory AfterFullCollection()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        // The heap as the collection just left it: GC.GetTotalMemory adds in-flight allocation contexts of other
        // threads and can transiently read negative while they allocate.
        return new ProcessMemory(ResidentBytes(), GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
    }

    /// <summary>VmRSS from /proc/self/status (Linux); elsewhere the working set the runtime reports.</summary>
    public static long ResidentBytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line.AsSpan("VmRSS:".Length).Trim().TrimEnd("kB").Trim();
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        return Environment.WorkingSet;
    }
}
