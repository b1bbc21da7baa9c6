using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The safetensors format: an 8-byte little-endian header length, a JSON header
/// (<c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}</c>, offsets relative to
/// the data that follows), then the raw little-endian tensor bytes. Tensors keep their stored dtype.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    /// <summary>One tensor's entry in the header.</summary>
    public sealed record Entry(string Name, ScalarType DType, long[] Shape, long Begin, long End);

    /// <summary>The parsed header: entries in file order and the free-form metadata.</summary>
    public sealed record Header(IReadOnlyList<Entry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart);

    public static Dictionary<string, Tensor> Read(string path)
    {
        using var reader = new SafeFileHandleReader(path);
        var header = ReadHeader(reader);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var e in header.Entries)
            result[e.Name] = TensorBytes.FromFile(reader, header.DataStart + e.Begin, e.Shape, e.DType);
        return result;
    }

    public static Header ReadHeader(string path)
    {
        using var reader = new SafeFileHandleReader(path);
        return ReadHeader(reader);
    }

    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => ReadHeader(path).Metadata;

    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(file, tensors, metadata);
    }

    /// <summary>The file's bytes in memory (an adapter, a few megabytes), for an artifact store.</summary>
    public static byte[] ToBytes(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, tensors, metadata);
        return buffer.ToArray();
    }

    public static void Write(Stream file, IReadOnlyDictionary<string, Tensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Largest alignment first, then by name, as the reference writer orders them: every tensor stays aligned.
        var ordered = tensors
            .OrderByDescending(kv => SafetensorsDType.SizeOf(kv.Value.dtype))
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();

        var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata)
                    w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, t) in ordered)
            {
                var bytes = TensorBytes.ByteLength(t);
                w.WriteStartObject(name);
                w.WriteString("dtype", SafetensorsDType.NameOf(t.dtype));
                w.WriteStartArray("shape");
                foreach (var d in t.shape)
                    w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + bytes);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += bytes;
            }
            w.WriteEndObject();
        }

        // Pad the header with spaces so that the data starts 8-byte aligned.
        var headerLength = (json.Length + 7) / 8 * 8;
        var header = new byte[8 + headerLength];
        BinaryPrimitives.WriteInt64LittleEndian(header, headerLength);
        json.GetBuffer().AsSpan(0, (int)json.Length).CopyTo(header.AsSpan(8));
        header.AsSpan(8 + (int)json.Length).Fill((byte)' ');

        file.Write(header);
        foreach (var (_, t) in ordered)
        {
            using var c = TensorBytes.CpuContiguous(t);
            if (c.NumberOfElements > 0)
                file.Write(c.bytes);
        }
    }

    private static Header ReadHeader(SafeFileHandleReader reader)
    {
        var path = reader.Path;
        if (reader.Length < 8)
            throw new InvalidInputException($"{path}: not a safetensors file: {reader.Length} bytes, too short for the header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        reader.ReadExactly(lengthBytes, 0);
        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (headerLength <= 0 || headerLength > MaxHeaderBytes)
            throw new InvalidInputException($"{path}: corrupt safetensors file: header length {headerLength} is implausible");
        if (8 + headerLength > reader.Length)
            throw new InvalidInputException(
                $"{path}: truncated safetensors file: header of {headerLength} bytes but the file has {reader.Length} bytes");
        var headerBytes = new byte[headerLength];
        reader.ReadExactly(headerBytes, 8);

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: corrupt safetensors header: not valid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{path}: corrupt safetensors header: the JSON is not an object");
            var dataStart = 8 + headerLength;
            var dataLength = reader.Length - dataStart;
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name == MetadataKey)
                    ReadMetadata(path, p.Value, metadata);
                else
                    entries.Add(ParseEntry(path, p.Name, p.Value));
            }
            CheckLayout(path, entries, dataLength);
            return new Header(entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> into)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"{path}: corrupt safetensors header: __metadata__ is not an object");
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
                throw new InvalidInputException($"{path}: corrupt safetensors header: __metadata__.{m.Name} is not a string");
            into[m.Name] = m.Value.GetString()!;
        }
    }

    private static Entry ParseEntry(string path, string name, JsonElement e)
    {
        string Bad(string what) => $"{path}: corrupt safetensors header: tensor '{name}': {what}";
        if (e.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException(Bad("entry is not an object"));
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String)
            throw new InvalidInputException(Bad("no dtype"));
        var dtypeName = dt.GetString()!;
        if (!SafetensorsDType.TryParse(dtypeName, out var dtype))
            throw new InvalidInputException(
                $"{path}: tensor '{name}' has dtype {dtypeName}, which is not supported (supported: {SafetensorsDType.Supported})");
        var shape = ReadLongs(e, "shape", Bad);
        var offsets = ReadLongs(e, "data_offsets", Bad);
        if (shape.Any(d => d < 0))
            throw new InvalidInputException(Bad($"negative dimension in shape [{string.Join(", ", shape)}]"));
        if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            throw new InvalidInputException(Bad($"bad data_offsets [{string.Join(", ", offsets)}]"));
        var expected = shape.Aggregate(1L, (a, d) => a * d) * SafetensorsDType.SizeOf(dtype);
        if (offsets[1] - offsets[0] != expected)
            throw new InvalidInputException(Bad(
                $"data_offsets span {offsets[1] - offsets[0]} bytes but {dtypeName}[{string.Join(", ", shape)}] needs {expected}"));
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadLongs(JsonElement e, string field, Func<string, string> bad)
    {
        if (!e.TryGetProperty(field, out var a) || a.ValueKind != JsonValueKind.Array)
            throw new InvalidInputException(bad($"no {field} array"));
        var result = new long[a.GetArrayLength()];
        var i = 0;
        foreach (var v in a.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out result[i++]))
                throw new InvalidInputException(bad($"{field} holds a non-integer"));
        }
        return result;
    }

    private static void CheckLayout(string path, List<Entry> entries, long dataLength)
    {
        long end = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin < end)
                throw new InvalidInputException($"{path}: corrupt safetensors header: tensor '{e.Name}' overlaps the previous tensor");
            end = e.End;
        }
        if (end > dataLength)
            throw new InvalidInputException(
                $"{path}: truncated safetensors file: the header needs {end} data bytes but only {dataLength} follow it");
    }
}
