namespace Sweep.Client.Cli;

/// <summary>
/// Parsed command line of one verb: positional arguments and <c>--name value</c> / <c>--flag</c> options.
/// Every option a command reads is checked off; <see cref="EnsureAllUsed"/> rejects the rest.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    public IReadOnlyList<string> Positional { get; }

    public CommandArgs(IEnumerable<string> args, IReadOnlySet<string> flagNames)
    {
        var positional = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var name = a[2..];
                string? value = null;
                var eq = name.IndexOf('=');
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (!flagNames.Contains(name))
                {
                    if (i + 1 >= list.Count) throw new UsageException($"option --{name} needs a value");
                    value = list[++i];
                }
                if (_options.ContainsKey(name)) throw new UsageException($"option --{name} is given twice");
                _options[name] = value;
            }
            else positional.Add(a);
        }
        Positional = positional;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) =>
        Option(name) ?? throw new UsageException($"option --{name} is required");

    public int? IntOption(string name)
    {
        var v = Option(name);
        if (v is null) return null;
        return int.TryParse(v, out var i) ? i : throw new UsageException($"option --{name}: '{v}' is not an integer");
    }

    public double? DoubleOption(string name)
    {
        var v = Option(name);
        if (v is null) return null;
        return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d : throw new UsageException($"option --{name}: '{v}' is not a number");
    }

    public string PositionalAt(int index, string what) =>
        index < Positional.Count ? Positional[index] : throw new UsageException($"missing argument: {what}");

    public void EnsureAllUsed(int maxPositional)
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        if (Positional.Count > maxPositional) throw new UsageException($"unexpected argument(s): {string.Join(" ", Positional.Skip(maxPositional))}");
    }
}
