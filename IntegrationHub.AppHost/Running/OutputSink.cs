namespace IntegrationHub.AppHost.Running;

/// <summary>
/// Where a resource's console output goes: appended to <c>&lt;data&gt;/logs/&lt;name&gt;.log</c> (kept across restarts)
/// and, when echoing, to the AppHost's console behind the resource's name so interleaved lines stay attributable.
/// The last <see cref="Kept"/> lines stay in memory, and subscribers (the dashboard's live console) get every new line.
/// </summary>
public sealed class OutputSink : IDisposable
{
    private static readonly ConsoleColor[] Colors = [ConsoleColor.Cyan, ConsoleColor.Green, ConsoleColor.Yellow, ConsoleColor.Magenta, ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkYellow, ConsoleColor.DarkGreen];
    private static readonly Lock ConsoleLock = new();
    private static int _nextColor;

    private readonly string _prefix;
    private readonly ConsoleColor _color;
    private readonly bool _echo;
    private readonly StreamWriter _file;
    private readonly Lock _fileLock = new();
    private readonly Queue<string> _tail = new();
    private readonly List<Action<string>> _subscribers = [];

    /// <summary>How many recent lines are kept for a viewer that opens the console later.</summary>
    public const int Kept = 1000;

    public OutputSink(string name, string logDirectory, bool echo, int prefixWidth)
    {
        Directory.CreateDirectory(logDirectory);
        FilePath = Path.Combine(logDirectory, name + ".log");
        _file = new StreamWriter(new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _prefix = name.PadRight(prefixWidth) + " | ";
        _color = Colors[Interlocked.Increment(ref _nextColor) % Colors.Length];
        _echo = echo;
    }

    public string FilePath { get; }

    /// <summary>The last lines written, for error reports when a resource does not become healthy.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_fileLock)
        {
            return [.. _tail.TakeLast(20)];
        }
    }

    /// <summary>
    /// Calls <paramref name="onLine"/> with every line written from now on (on the writer's thread: keep it quick)
    /// and returns, atomically with the subscription, the lines kept so far, so a viewer misses and repeats nothing.
    /// </summary>
    public IDisposable Subscribe(Action<string> onLine, out IReadOnlyList<string> recent)
    {
        lock (_fileLock)
        {
            recent = [.. _tail];
            _subscribers.Add(onLine);
        }

        return new Subscription(this, onLine);
    }

    public void Write(string? line, bool isError = false)
    {
        if (line is null)
        {
            return;
        }

        lock (_fileLock)
        {
            _file.WriteLine(isError ? "[stderr] " + line : line);
            _tail.Enqueue(line);
            if (_tail.Count > Kept)
            {
                _tail.Dequeue();
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber(line);
            }
        }

        if (!_echo)
        {
            return;
        }

        lock (ConsoleLock)
        {
            if (Console.IsOutputRedirected)
            {
                Console.Out.WriteLine(_prefix + line);
                return;
            }

            Console.ForegroundColor = _color;
            Console.Out.Write(_prefix);
            Console.ResetColor();
            Console.Out.WriteLine(line);
        }
    }

    private sealed class Subscription(OutputSink sink, Action<string> onLine) : IDisposable
    {
        public void Dispose()
        {
            lock (sink._fileLock)
            {
                sink._subscribers.Remove(onLine);
            }
        }
    }

    public void Dispose()
    {
        lock (_fileLock)
        {
            _file.Dispose();
        }
    }
}
