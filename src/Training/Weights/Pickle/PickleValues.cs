namespace Sweep.Training.Weights.Pickle;

/// <summary>A class or function named by a pickle GLOBAL / STACK_GLOBAL opcode (never imported or run).</summary>
public sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>
/// The result of calling a global the reader does not know: kept inert, with its arguments and any BUILD state,
/// so callers can recognise it (or report it) without anything being executed.
/// </summary>
public sealed class PickleObject(PickleGlobal callable, object?[] args)
{
    public PickleGlobal Callable { get; } = callable;

    public object?[] Args { get; } = args;

    public object? State { get; set; }

    public override string ToString() => $"{Callable}(…)";
}

/// <summary>A pickled dict or OrderedDict: insertion order kept, keys compared by value (tuples by reference).</summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = [];
    private readonly Dictionary<object, int> _index = [];
    private int _nullKey = -1;

    public IReadOnlyList<KeyValuePair<object?, object?>> Items => _items;

    public object? State { get; set; }

    public void Set(object? key, object? value)
    {
        var at = key is null ? _nullKey : _index.GetValueOrDefault(key, -1);
        if (at >= 0)
        {
            _items[at] = new(key, value);
            return;
        }
        if (key is null)
            _nullKey = _items.Count;
        else
            _index[key] = _items.Count;
        _items.Add(new(key, value));
    }
}

/// <summary>The MARK sentinel on the VM stack.</summary>
internal sealed class PickleMark
{
    public static readonly PickleMark Instance = new();

    private PickleMark()
    {
    }
}
