using System.Text.Json;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The weight files of a Hugging Face model directory, in the order <c>transformers</c> prefers them:
/// <c>model.safetensors</c>, <c>model.safetensors.index.json</c> (sharded), <c>pytorch_model.bin</c>,
/// <c>pytorch_model.bin.index.json</c>. An index is <c>{"weight_map": {tensor name: shard file}}</c>.
/// </summary>
public static class HfCheckpoint
{
    public const string Safetensors = "model.safetensors";
    public const string SafetensorsIndex = "model.safetensors.index.json";
    public const string TorchBin = "pytorch_model.bin";
    public const string TorchBinIndex = "pytorch_model.bin.index.json";

    private static readonly string[] Candidates = [Safetensors, SafetensorsIndex, TorchBin, TorchBinIndex];

    /// <summary>The weight file (or index) that <see cref="ReadStateDict"/> would read, or null if there is none.</summary>
    public static string? FindWeights(string modelDir) =>
        Candidates.Select(c => Path.Combine(modelDir, c)).FirstOrDefault(File.Exists);

    public static Dictionary<string, Tensor> ReadStateDict(string modelDir)
    {
        if (!Directory.Exists(modelDir))
            throw new InvalidInputException($"{modelDir}: model directory not found");
        var file = FindWeights(modelDir) ?? throw new InvalidInputException(
            $"{modelDir}: no weights found; looked for {string.Join(", ", Candidates)}");
        return Path.GetFileName(file) switch
        {
            Safetensors => SafetensorsFile.Read(file),
            TorchBin => TorchBinFile.Read(file),
            _ => ReadSharded(file),
        };
    }

    /// <summary>Writes the state dict as <c>modelDir/model.safetensors</c> (with <c>format: pt</c> metadata, as HF does).</summary>
    public static string Write(string modelDir, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        Directory.CreateDirectory(modelDir);
        var path = Path.Combine(modelDir, Safetensors);
        SafetensorsFile.Write(path, stateDict, new Dictionary<string, string> { ["format"] = "pt" });
        return path;
    }

    private static Dictionary<string, Tensor> ReadSharded(string indexPath)
    {
        var dir = Path.GetDirectoryName(indexPath)!;
        var weightMap = ReadWeightMap(indexPath);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var shard in weightMap.GroupBy(kv => kv.Value, kv => kv.Key))
        {
            var shardPath = Path.Combine(dir, shard.Key);
            if (!File.Exists(shardPath))
            {
                problems.Add($"shard {shard.Key} (listed for {shard.Count()} tensors) is missing");
                continue;
            }
            var tensors = shardPath.EndsWith(".safetensors", StringComparison.Ordinal)
                ? SafetensorsFile.Read(shardPath)
                : TorchBinFile.Read(shardPath);
            foreach (var name in shard)
            {
                if (tensors.TryGetValue(name, out var t))
                    result[name] = t;
                else
                    problems.Add($"{name} is listed in {shard.Key} but not stored there");
            }
        }
        if (problems.Count > 0)
            throw new InvalidInputException($"{indexPath}: the sharded checkpoint is incomplete: {string.Join("; ", problems)}");
        return result;
    }

    private static Dictionary<string, string> ReadWeightMap(string indexPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException($"{indexPath}: no \"weight_map\" object");
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in map.EnumerateObject())
            {
                var shard = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "";
                if (shard.Length == 0 || Path.GetFileName(shard) != shard)
                    throw new InvalidInputException($"{indexPath}: weight_map.{p.Name} is not a file name in the model directory");
                result[p.Name] = shard;
            }
            return result;
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{indexPath}: not valid JSON ({e.Message})");
        }
    }
}
