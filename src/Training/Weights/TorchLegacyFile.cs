using System.Buffers.Binary;
using System.Numerics;
using Sweep.Training.Weights.Pickle;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The legacy (before PyTorch 1.6, non-zip) <c>torch.save</c> format, still found in older HF
/// <c>pytorch_model.bin</c> files: five consecutive pickles — the magic number 0x1950a86a20f9469cfc6c, the protocol
/// version 1001, a sys-info dict, the state dict (storages as persistent ids
/// <c>('storage', torch.XStorage, key, location, numel, view_metadata)</c>) and the list of storage keys — then,
/// for each key in that order, the storage as an int64 element count followed by its raw little-endian bytes.
/// </summary>
internal static class TorchLegacyFile
{
    private static readonly BigInteger Magic = BigInteger.Parse("1950a86a20f9469cfc6c", System.Globalization.NumberStyles.HexNumber);
    private const long ProtocolVersion = 1001;

    private sealed record Storage(string Key, ScalarType DType, long Numel)
    {
        public Tensor? Data { get; set; }
    }

    private sealed record View(Storage Root, long Offset, long Size);

    public static Dictionary<string, Tensor> Read(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > int.MaxValue)
            throw new InvalidInputException($"{path}: legacy torch.save files over 2 GiB are not supported; convert it to safetensors");
        var bytes = File.ReadAllBytes(path);
        var storages = new Dictionary<string, Storage>(StringComparer.Ordinal);
        var reader = new PickleReader(path)
        {
            Call = (fn, args) => TorchBinRebuild.Call(path, fn, args),
            PersistentLoad = pid => Resolve(path, pid, storages),
        };

        var pos = 0;
        if (reader.Load(bytes, ref pos) is not BigInteger magic || magic != Magic)
            throw new InvalidInputException($"{path}: not a PyTorch checkpoint (a pickle without torch.save's magic number)");
        if (reader.Load(bytes, ref pos) is not long version || version != ProtocolVersion)
            throw new InvalidInputException($"{path}: unsupported legacy torch.save protocol version");
        if (reader.Load(bytes, ref pos) is PickleDict sys && sys.Items.Any(kv => kv.Key as string == "little_endian" && kv.Value is false))
            throw new InvalidInputException($"{path}: big-endian checkpoints are not supported");
        var root = reader.Load(bytes, ref pos);
        var keys = reader.Load(bytes, ref pos) as List<object?>
            ?? throw new InvalidInputException($"{path}: corrupt legacy checkpoint: no storage key list");

        foreach (var key in keys.Cast<string>())
        {
            if (!storages.TryGetValue(key, out var storage))
                throw new InvalidInputException($"{path}: corrupt legacy checkpoint: storage {key} is listed but never used");
            if (pos + 8 > bytes.Length)
                throw Truncated(path, key);
            var numel = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(pos));
            pos += 8;
            var length = numel * SafetensorsDType.SizeOf(storage.DType);
            if (numel != storage.Numel || numel < 0)
                throw new InvalidInputException($"{path}: corrupt legacy checkpoint: storage {key} holds {numel} elements, the pickle says {storage.Numel}");
            if (pos + length > bytes.Length)
                throw Truncated(path, key);
            storage.Data = TensorBytes.FromBytes(bytes.AsSpan(pos, (int)length), [numel], storage.DType);
            pos += (int)length;
        }

        return TorchBinFile.ToStateDict(path, root, s => s switch
        {
            Storage st => st.Data ?? throw Truncated(path, st.Key),
            View v => (v.Root.Data ?? throw Truncated(path, v.Root.Key)).narrow(0, v.Offset, v.Size),
            _ => throw new InvalidInputException($"{path}: corrupt legacy checkpoint: a tensor without a storage"),
        });
    }

    private static object Resolve(string path, object? pid, Dictionary<string, Storage> storages)
    {
        if (pid is not object?[] { Length: 6 } t || t[0] as string != "storage" || t[1] is not PickleGlobal type
            || !TorchStorageType.TryParse(type.Name, out var dtype) || t[2] is not string key || t[4] is not long numel)
            throw new InvalidInputException($"{path}: corrupt legacy checkpoint: unexpected persistent id {TorchBinFile.Describe(pid)}");
        if (!storages.TryGetValue(key, out var storage))
            storages[key] = storage = new Storage(key, dtype, numel);
        if (t[5] is object?[] { Length: 3 } view && view[1] is long offset && view[2] is long size)
        {
            if (offset < 0 || size < 0 || offset + size > numel)
                throw new InvalidInputException($"{path}: corrupt legacy checkpoint: view of storage {key} out of range");
            return new View(storage, offset, size);
        }
        return storage;
    }

    private static InvalidInputException Truncated(string path, string key) =>
        new($"{path}: truncated legacy checkpoint: the data of storage {key} is missing or cut short");
}
