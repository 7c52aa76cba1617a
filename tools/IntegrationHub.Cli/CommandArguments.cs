namespace IntegrationHub.Cli;

/// <summary>Positional arguments, <c>--name value</c> options and <c>--name</c> flags of one command.</summary>
public sealed class CommandArguments
{
    private const string FlagValue = "true";

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public IReadOnlyList<string> Positional => _positional;

    public static CommandArguments Parse(ReadOnlySpan<string> args) => Parse(args, []);

    /// <summary>
    /// Parses <paramref name="args"/>; the names in <paramref name="flags"/> take no value, so a file name after
    /// <c>--tls</c> stays positional.
    /// </summary>
    public static CommandArguments Parse(ReadOnlySpan<string> args, IReadOnlyCollection<string> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (flags.Contains(arg[2..]))
                {
                    parsed._options[arg[2..]] = FlagValue;
                    continue;
                }

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

    /// <summary>True when the flag <c>--name</c> was given (it must have been declared a flag when parsing).</summary>
    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>The option as a whole number within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public int Number(string name, int fallback, int min, int max)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min} to {max} (got '{text}').");
        }

        return value;
    }

    /// <summary>Fails unless at least one positional argument and only known options were given.</summary>
    public void ExpectSome(string what, params string[] knownOptions)
    {
        if (_positional.Count == 0)
        {
            throw new UsageException($"Expected {what}.");
        }

        CheckOptions(knownOptions);
    }

    /// <summary>Fails unless exactly <paramref name="count"/> positional arguments and only known options were given.</summary>
    public void Expect(int count, string what, params string[] knownOptions)
    {
        if (_positional.Count != count)
        {
            throw new UsageException($"Expected {what}.");
        }

        CheckOptions(knownOptions);
    }

    private void CheckOptions(string[] knownOptions)
    {
        foreach (var name in _options.Keys)
        {
            if (!knownOptions.Contains(name))
            {
                throw new UsageException($"Unknown option --{name}.");
            }
        }
    }
}
