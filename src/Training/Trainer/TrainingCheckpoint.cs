using System.IO.Compression;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Trainer;

/// <summary>
/// A resumable training state: trainable parameters (adapters and head), AdamW moments and step, hook state
/// (AdaLoRA allocator: EMAs, rank masks, budget curve), and the loop's bookkeeping. The RNG needs no saving: the loop reseeds torch from
/// (seed, step) every step and data order is a pure function of (seed, epoch).
/// Stored as a zip: <c>meta.json</c> plus <c>tensors.bin</c> (name, tensor) pairs.
/// </summary>
public sealed record TrainingCheckpoint
{
    public required int Step { get; init; }
    public required int Seed { get; init; }
    public required List<double[]> LossCurve { get; init; }
    public required List<double[]> EvalHistory { get; init; }
    public double TrainSeconds { get; init; }
    public Dictionary<string, Tensor> Tensors { get; init; } = new();

    private sealed record Meta(int Step, int Seed, List<double[]> LossCurve, List<double[]> EvalHistory, double TrainSeconds, List<string> Names);

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = Tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            using (var w = new StreamWriter(zip.CreateEntry("meta.json").Open()))
                w.Write(JsonSerializer.Serialize(new Meta(Step, Seed, LossCurve, EvalHistory, TrainSeconds, names)));
            using var bw = new BinaryWriter(zip.CreateEntry("tensors.bin", CompressionLevel.Fastest).Open());
            foreach (var n in names)
            {
                using var cpu = Tensors[n].detach().cpu();
                cpu.Save(bw);
            }
        }
        return ms.ToArray();
    }

    public static TrainingCheckpoint FromBytes(byte[] bytes, string source)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            Meta meta;
            using (var r = new StreamReader(Entry(zip, "meta.json").Open()))
                meta = JsonSerializer.Deserialize<Meta>(r.ReadToEnd()) ?? throw new InvalidDataException("empty meta.json");
            var tensors = new Dictionary<string, Tensor>();
            using (var br = new BinaryReader(Entry(zip, "tensors.bin").Open()))
                foreach (var n in meta.Names) tensors[n] = Tensor.Load(br);
            return new TrainingCheckpoint
            {
                Step = meta.Step, Seed = meta.Seed, LossCurve = meta.LossCurve, EvalHistory = meta.EvalHistory,
                TrainSeconds = meta.TrainSeconds, Tensors = tensors,
            };
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or EndOfStreamException or IOException)
        {
            throw new InvalidInputException($"{source}: not a readable Sweep checkpoint ({e.Message})");
        }
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"missing {name}");
}
