using TorchSharp;

namespace Sweep.Training.Weights;

/// <summary>A file format's names for torch scalar types, looked up both ways (safetensors headers, pickled storages).</summary>
internal sealed class DtypeNameTable(string format, params (string Name, torch.ScalarType Type)[] table)
{
    /// <summary>The names the format accepts, for error messages.</summary>
    public string Supported => string.Join(", ", table.Select(t => t.Name));

    public bool TryParse(string name, out torch.ScalarType type)
    {
        foreach (var (n, t) in table)
        {
            if (n != name) continue;
            type = t;
            return true;
        }
        type = default;
        return false;
    }

    public string NameOf(torch.ScalarType type)
    {
        foreach (var (n, t) in table)
            if (t == type) return n;
        throw new InvalidInputException($"{format} cannot store dtype {type}; supported: {Supported}");
    }
}
