using Sweep.Training.Models;
using Sweep.Training.Weights;

namespace Sweep.Bench.Memory;

/// <summary>
/// The model directories and data the memory benchmark writes for itself: random-weight BERTs stored like real
/// weights (bert-base-uncased and GPT-2 have no offline weights; the calibration model is one no check row uses), and a
/// classification data set whose every sentence is longer than any max_length, so that every batch is padded to it.
/// </summary>
public static class MemoryModels
{
    /// <summary>The calibration model's name in the cases: a BERT of width 512, 8 layers, 8 heads, FFN 2048, BERT's vocabulary.</summary>
    public const string Calibration = "calib-bert";

    public static BertConfig CalibrationConfig => BertConfig.BertBaseUncased with { HiddenSize = 512, NumHiddenLayers = 8, NumAttentionHeads = 8, IntermediateSize = 2048 };

    /// <summary>Writes <paramref name="config"/> with random weights (seed 1) as a model directory under <paramref name="root"/>.</summary>
    public static string WriteRandom(string root, string name, BertConfig config)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        TorchSharp.torch.manual_seed(1);
        using var model = new BertForSequenceClassification(config);
        var state = StateDictExporter.Export(model, KeyMapping.Bert);
        HfCheckpoint.Write(dir, state);
        foreach (var t in state.Values) t.Dispose();
        File.WriteAllText(Path.Combine(dir, "config.json"), System.Text.Json.JsonSerializer.Serialize(config));
        return dir;
    }

    /// <summary>GPT-2 small (no offline weights either) with random weights (seed 1), as a model directory.</summary>
    public static string WriteRandomGpt2(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, ModelCatalog.Gpt2 + "-random")).FullName;
        TorchSharp.torch.manual_seed(1);
        using var model = new Gpt2LMHeadModel(Gpt2Config.Gpt2Small);
        var state = StateDictExporter.Export(model, KeyMapping.Gpt2);
        HfCheckpoint.Write(dir, state);
        foreach (var t in state.Values) t.Dispose();
        File.WriteAllText(Path.Combine(dir, "config.json"), Gpt2Config.Gpt2Small.ToJson());
        return dir;
    }

    /// <summary>An SST-2-shaped folder (train.tsv, dev.tsv) of 300-word sentences; returns its data source name.</summary>
    public static string WriteLongSentences(string root)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "long-sentences")).FullName;
        string[] good = ["good", "great", "fine", "lovely", "bright"], bad = ["bad", "poor", "dull", "awful", "grim"];
        void Write(string file, int count)
        {
            using var w = new StreamWriter(Path.Combine(dir, file));
            w.WriteLine("sentence\tlabel");
            for (var i = 0; i < count; i++)
            {
                var words = i % 2 == 0 ? good : bad;
                var sentence = string.Join(' ', Enumerable.Range(0, 300).Select(j => j % 3 == 0 ? words[(i + j) % words.Length] : "the film"));
                w.WriteLine($"{sentence}\t{(i % 2 == 0 ? 1 : 0)}");
            }
        }
        Write("train.tsv", 256);
        Write("dev.tsv", 128);
        return $"sst2:{dir}";
    }
}
