using System.Text;

namespace IntegrationHub.Cli.Tests;

/// <summary>
/// A thread-safe writer for a command running on another task: the test reads what was written so far and can wait
/// for a piece of text to appear (e.g. the port a listener bound).
/// </summary>
internal sealed class WatchedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }

    /// <summary>Waits until the text contains <paramref name="expected"/>; fails the test after <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(string expected, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!ToString().Contains(expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{expected}' did not appear; got: {ToString()}");
            }

            await Task.Delay(20);
        }
    }
}
