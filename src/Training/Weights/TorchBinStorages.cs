using System.IO.Compression;
using Sweep.Training.Weights.Pickle;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// Resolves the persistent ids of a PyTorch zip checkpoint, <c>('storage', torch.XStorage, key, location, numel)</c>,
/// to flat CPU tensors read from <c>{prefix}data/{key}</c>. A storage shared by several tensors is read once.
/// </summary>
internal sealed class TorchBinStorages(string path, ZipArchive zip, string prefix)
{
    private readonly Dictionary<string, Tensor> _loaded = new(StringComparer.Ordinal);

    public object? Load(object? pid)
    {
        if (pid is not object?[] { Length: >= 5 } t || t[0] as string != "storage")
            throw Bad($"unexpected persistent id {TorchBinFile.Describe(pid)}");
        if (t[1] is not PickleGlobal type || !TorchStorageType.TryParse(type.Name, out var dtype))
            throw Bad($"unsupported storage type {t[1]}");
        var key = t[2] as string ?? throw Bad("storage key is not a string");
        if (t[4] is not long numel || numel < 0)
            throw Bad($"storage {key} has no element count");
        if (_loaded.TryGetValue(key, out var cached))
            return cached;

        var entry = zip.GetEntry($"{prefix}data/{key}") ?? throw Bad($"storage record data/{key} is missing");
        var flat = empty([numel], dtype);
        var expected = numel * flat.ElementSize;
        if (entry.Length < expected)
            throw new InvalidInputException(
                $"{path}: truncated storage data/{key}: {entry.Length} bytes, {type.Name} of {numel} elements needs {expected}");
        if (numel > 0)
        {
            try
            {
                using var s = entry.Open();
                s.ReadExactly(flat.bytes);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new InvalidInputException($"{path}: corrupt storage data/{key}: {e.Message}");
            }
        }
        _loaded[key] = flat;
        return flat;
    }

    private InvalidInputException Bad(string what) => new($"{path}: corrupt PyTorch checkpoint: {what}");
}
