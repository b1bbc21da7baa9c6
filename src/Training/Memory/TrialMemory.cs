using Sweep.Settings;
using Sweep.Training.Models;
using Sweep.Training.Trials;

namespace Sweep.Training.Memory;

/// <summary>
/// The predicted peak memory of a trial on a kind of device: the trial's model sizes (a built-in name, or a model
/// directory's config.json) and settings turned into a <see cref="MemoryRecipe"/> for <see cref="PeakMemoryModel"/>.
/// The sequence length is the trial's max_length: batches are padded to their longest example, so this is an upper bound.
/// </summary>
public static class TrialMemory
{
    /// <summary>MiniLM's weights come from its ONNX file (the fp32 weights and a small graph), read in place from the
    /// package's mapped assembly while the built model is resident: the file's pages and the state dict parsed from them,
    /// each about the size of the fp32 model (derived, not measured). The pages are handed back after the import
    /// (<c>MappedResource</c>), so they count while loading only.</summary>
    public const double MiniLmImportCopies = 2;

    /// <param name="accelerator">cpu | cuda | mps: the host's resident memory on a CPU, device memory on a GPU.</param>
    /// <param name="cpuHasHalf">whether the CPU has a native 16-bit type (bf16); without it 16-bit presets run in fp32.</param>
    /// <param name="measured">the measured constants (null: <see cref="MeasuredMemory.Default"/>).</param>
    public static MemoryPrediction Predict(TrialSpec spec, string accelerator, bool cpuHasHalf = false, MeasuredMemory? measured = null) =>
        PeakMemoryModel.Predict(Recipe(spec.Model, spec.Preset, spec.Rank, spec.Training.BatchSize, spec.Training.MaxLength, accelerator, cpuHasHalf,
            spec.Training.LoraDropout > 0, measured), measured);

    public static MemoryRecipe Recipe(string model, string preset, int? rank, int batch, int maxLength, string accelerator, bool cpuHasHalf = false,
        bool loraDropout = true, MeasuredMemory? measured = null)
    {
        var definition = Settings.Presets.Find(preset) ?? throw new InvalidInputException(Settings.Presets.Unknown(preset));
        var host = accelerator is not ("cuda" or "mps");
        var halfBytes = !host || cpuHasHalf ? 2 : 4;
        var dimensions = Dimensions(model);
        var fp32 = dimensions.TotalParameters * 4.0;
        var import = model == ModelCatalog.MiniLm ? MiniLmImportCopies * fp32
            : Directory.Exists(model) ? fp32 * (measured ?? MeasuredMemory.Default).DirectoryLoadFactor : 0;
        return new MemoryRecipe(dimensions, definition, rank ?? definition.Rank, batch, maxLength, halfBytes, host, (long)import, loraDropout);
    }

    public static ModelDimensions Dimensions(string model) => model switch
    {
        ModelCatalog.MiniLm => ModelDimensions.Of(BertConfig.MiniLmL6),
        ModelCatalog.BertBase => ModelDimensions.Of(BertConfig.BertBaseUncased),
        ModelCatalog.TinyBert => ModelDimensions.Of(BertConfig.Tiny),
        ModelCatalog.Gpt2 => ModelDimensions.Of(Gpt2Config.Gpt2Small),
        ModelCatalog.TinyGpt2 => ModelDimensions.Of(Gpt2Config.Tiny),
        _ => FromDirectory(model),
    };

    private static ModelDimensions FromDirectory(string dir)
    {
        var path = Path.Combine(dir, "config.json");
        if (!File.Exists(path)) throw new InvalidInputException($"model: '{dir}' is neither a built-in model nor a directory with config.json");
        var (json, type) = HfConfigFile.Read(path);
        return type switch
        {
            "bert" => ModelDimensions.Of(BertConfig.FromJson(json, path)),
            "gpt2" => ModelDimensions.Of(Gpt2Config.FromJson(json, path)),
            _ => throw new InvalidInputException($"{path}: model_type '{type}' is not supported (bert, gpt2)"),
        };
    }
}
