using System.IO.Compression;
using System.Text;
using Sweep.Training.Weights.Pickle;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// PyTorch's zip checkpoint (<c>torch.save</c> since 1.6, e.g. <c>pytorch_model.bin</c>): a zip archive with
/// <c>{archive}/data.pkl</c> (a protocol-2 pickle of an OrderedDict of tensors, each
/// <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)</c> whose storage is the
/// persistent id <c>('storage', torch.FloatStorage, key, location, numel)</c>), the raw little-endian storages
/// <c>{archive}/data/{key}</c>, <c>{archive}/byteorder</c> and <c>{archive}/version</c>.
/// Legacy (pre-1.6) files are read by <see cref="TorchLegacyFile"/>; writing always uses the zip format.
/// </summary>
public static class TorchBinFile
{
    private const string ArchiveName = "archive";

    public static Dictionary<string, Tensor> Read(string path)
    {
        if (IsLegacy(path))
            return TorchLegacyFile.Read(path);
        using var file = OpenZip(path);
        var pkl = file.Entries.Where(e => e.FullName.EndsWith("data.pkl", StringComparison.Ordinal))
            .OrderBy(e => e.FullName.Length).FirstOrDefault()
            ?? throw new InvalidInputException($"{path}: not a PyTorch checkpoint: the zip archive has no data.pkl");
        var prefix = pkl.FullName[..^"data.pkl".Length];

        var byteOrder = file.GetEntry(prefix + "byteorder");
        if (byteOrder is not null && ReadText(byteOrder).Trim() != "little")
            throw new InvalidInputException($"{path}: big-endian checkpoints are not supported");

        var storages = new TorchBinStorages(path, file, prefix);
        var reader = new PickleReader(path)
        {
            Call = (fn, args) => TorchBinRebuild.Call(path, fn, args),
            PersistentLoad = storages.Load,
        };
        byte[] pickle;
        using (var s = pkl.Open())
        using (var m = new MemoryStream())
        {
            s.CopyTo(m);
            pickle = m.ToArray();
        }
        var root = reader.Load(pickle);
        return ToStateDict(path, root, storage => (Tensor)storage);
    }

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var pickle = new PickleWriter();
        pickle.Global("collections", "OrderedDict").Op(PickleOpcodes.EmptyTuple).Op(PickleOpcodes.Reduce).Memoize();
        var names = tensors.Keys.ToList();
        for (var batch = 0; batch < names.Count; batch += 1000)
        {
            pickle.Op(PickleOpcodes.Mark);
            for (var i = batch; i < Math.Min(batch + 1000, names.Count); i++)
                WriteEntry(pickle, names[i], tensors[names[i]], key: i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            pickle.Op(PickleOpcodes.SetItems);
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        WriteEntry(zip, "data.pkl", pickle.Finish());
        WriteEntry(zip, "byteorder", "little"u8);
        for (var i = 0; i < names.Count; i++)
        {
            using var c = TensorBytes.CpuContiguous(tensors[names[i]]);
            var entry = zip.CreateEntry($"{ArchiveName}/data/{i}", CompressionLevel.NoCompression);
            using var s = entry.Open();
            if (c.NumberOfElements > 0)
                s.Write(c.bytes);
        }
        WriteEntry(zip, "version", "3\n"u8);
    }

    /// <summary>One <c>name: _rebuild_tensor_v2(...)</c> pair of the OrderedDict, as torch.save pickles it.</summary>
    private static void WriteEntry(PickleWriter p, string name, Tensor t, string key)
    {
        p.String(name).Memoize();
        p.Global("torch._utils", "_rebuild_tensor_v2");
        p.Op(PickleOpcodes.Mark);
        p.Op(PickleOpcodes.Mark)
            .String("storage")
            .Global("torch", TorchStorageType.NameOf(t.dtype))
            .String(key)
            .String("cpu")
            .Int(t.NumberOfElements)
            .Op(PickleOpcodes.Tuple).Memoize()
            .Op(PickleOpcodes.BinPersId);
        p.Int(0).IntTuple(t.shape).IntTuple(ContiguousStrides(t.shape)).Bool(false);
        p.Global("collections", "OrderedDict").Op(PickleOpcodes.EmptyTuple).Op(PickleOpcodes.Reduce);
        p.Op(PickleOpcodes.Tuple).Op(PickleOpcodes.Reduce).Memoize();
    }

    private static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    private static void WriteEntry(ZipArchive zip, string name, ReadOnlySpan<byte> data)
    {
        var entry = zip.CreateEntry($"{ArchiveName}/{name}", CompressionLevel.NoCompression);
        using var s = entry.Open();
        s.Write(data);
    }

    /// <summary>A legacy checkpoint starts with a pickle PROTO opcode; a zip one with "PK".</summary>
    private static bool IsLegacy(string path)
    {
        if (!File.Exists(path))
            return false;
        using var s = File.OpenRead(path);
        return s.ReadByte() == PickleOpcodes.Proto;
    }

    private static ZipArchive OpenZip(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        var n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (n < 4 || magic[0] != (byte)'P' || magic[1] != (byte)'K')
        {
            stream.Dispose();
            throw new InvalidInputException($"{path}: not a PyTorch checkpoint (neither a zip archive nor a legacy pickle; the file is corrupt or of another format)");
        }
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidInputException($"{path}: corrupt or truncated PyTorch checkpoint: {e.Message}");
        }
    }

    private static string ReadText(ZipArchiveEntry e)
    {
        using var r = new StreamReader(e.Open(), Encoding.ASCII);
        return r.ReadToEnd();
    }

    /// <summary>The OrderedDict of tensor recipes as a state dict; <paramref name="storageOf"/> gives each recipe's flat storage.</summary>
    internal static Dictionary<string, Tensor> ToStateDict(string path, object? root, Func<object, Tensor> storageOf)
    {
        var dict = root as PickleDict
            ?? throw new InvalidInputException($"{path}: the pickle holds {Describe(root)}, not a state dict (an OrderedDict of tensors)");
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var bad = new List<string>();
        foreach (var (k, v) in dict.Items)
        {
            if (k is string name && v is TorchBinRebuild.Recipe r)
                result[name] = TorchBinRebuild.Materialize(path, name, r, storageOf(r.Storage));
            else
                bad.Add($"{k}: {Describe(v)}");
        }
        if (bad.Count > 0)
            throw new InvalidInputException($"{path}: state dict entries that are not tensors: {string.Join("; ", bad)}");
        return result;
    }

    internal static string Describe(object? o) => o switch
    {
        null => "None",
        PickleObject p => p.ToString(),
        PickleDict => "a dict",
        _ => o.GetType().Name,
    };
}
