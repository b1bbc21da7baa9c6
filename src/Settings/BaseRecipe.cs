using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Settings;

/// <summary>
/// How to pretrain a GPT-2-shaped language-model base in full on one corpus: a task's <c>model</c> may be this recipe
/// instead of a name or a directory. The experiment pretrains it once, stores it under <c>bases/&lt;hash&gt;/</c> in the
/// artifact store, and every trial of the task adapts it; another sweep with the same recipe reuses the stored base.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BaseRecipe
{
    /// <summary>The corpus (a built-in language-modelling source or wikitext2:PATH).</summary>
    [Id(0)] public required string Data { get; init; }
    [Id(1)] public int Layers { get; init; } = 2;
    [Id(2)] public int Width { get; init; } = 64;
    [Id(3)] public int Heads { get; init; } = 4;
    /// <summary>Token positions of the model; blocks are at most this long.</summary>
    [Id(4)] public int Positions { get; init; } = BuiltInModels.TinyGpt2.MaxPositions;
    [Id(5)] public int Steps { get; init; } = 300;
    [Id(6)] public int Seed { get; init; } = 1;
    [Id(7)] public int BatchSize { get; init; } = 8;
    [Id(8)] public int BlockSize { get; init; } = 128;
    [Id(9)] public double LearningRate { get; init; } = 1e-3;
    [Id(10)] public int WarmupSteps { get; init; } = 30;
    /// <summary>Save a checkpoint every N steps (resume after a lost silo); not part of the hash.</summary>
    [Id(11)] public int CheckpointEvery { get; init; } = 50;

    /// <summary>The GPT-2 BPE vocabulary every base uses.</summary>
    public const int VocabSize = 50257;

    /// <summary>The canonical text of everything that determines the weights (not the checkpoint interval).</summary>
    public string Canonical() => string.Join('|',
        "gpt2", $"vocab={VocabSize}", $"layers={Layers}", $"width={Width}", $"heads={Heads}", $"positions={Positions}", $"data={Data}",
        $"steps={Steps}", $"seed={Seed}", $"batch={BatchSize}", $"block={BlockSize}",
        "lr=" + LearningRate.ToString("R", CultureInfo.InvariantCulture), $"warmup={WarmupSteps}");

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Canonical"/>: the base's name in the artifact store.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())))[..16];

    /// <summary>The model name a task with this recipe shows (its trials load the stored base).</summary>
    public string ModelName => "base:" + Hash();

    /// <summary>Named shapes a recipe may start from.</summary>
    public static BaseRecipe? Named(string name, string data) => name switch
    {
        "tiny-gpt2" => new BaseRecipe { Data = data },
        _ => null,
    };
}
