namespace CxInbox.Cli;

/// <summary><c>--name value</c> options; a name may repeat (<c>--input a --input b</c>).</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args, IReadOnlyCollection<string> allowed)
    {
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    throw new CliException($"option --{name} needs a value", 2);
                }

                name = arg[2..];
                if (!allowed.Contains(name))
                {
                    throw new CliException($"unknown option --{name} (expected {string.Join(", ", allowed.Select(a => "--" + a))})", 2);
                }
            }
            else if (name is null)
            {
                throw new CliException($"unexpected argument '{arg}'", 2);
            }
            else
            {
                if (!values.TryGetValue(name, out var list))
                {
                    values[name] = list = [];
                }

                list.Add(arg);
                name = null;
            }
        }

        if (name is not null)
        {
            throw new CliException($"option --{name} needs a value", 2);
        }
    }

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    public string? Optional(string name) => All(name).Count switch
    {
        0 => null,
        1 => All(name)[0],
        _ => throw new CliException($"option --{name} given more than once", 2),
    };

    public string Required(string name) => Optional(name) ?? throw new CliException($"missing option --{name}", 2);

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new CliException($"--{name} must be a whole number from {min} to {max}", 2);
    }

    public double Double(string name, double fallback)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= 0 && double.IsFinite(value)
            ? value
            : throw new CliException($"--{name} must be a non-negative number", 2);
    }
}
