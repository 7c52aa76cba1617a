namespace IntegrationHub.Cli;

/// <summary>Positional arguments and <c>--name value</c> options of one command.</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public IReadOnlyList<string> Positional => _positional;

    public static CommandArguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"Option {arg} needs a value.");
                }

                parsed._options[arg[2..]] = args[++i];
            }
            else
            {
                parsed._positional.Add(arg);
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    /// <summary>Fails unless exactly <paramref name="count"/> positional arguments and only known options were given.</summary>
    public void Expect(int count, string what, params string[] knownOptions)
    {
        if (_positional.Count != count)
        {
            throw new UsageException($"Expected {what}.");
        }

        foreach (var name in _options.Keys)
        {
            if (!knownOptions.Contains(name))
            {
                throw new UsageException($"Unknown option --{name}.");
            }
        }
    }
}
