using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>
/// Reads a task's <c>model: { pretrain: { config, data, steps, seed, batch_size, block_size, lr, warmup_steps,
/// checkpoint_every } }</c>: a GPT-2-shaped base the experiment pretrains itself. <c>config</c> is a named shape
/// (<c>tiny-gpt2</c>) or <c>{ n_layer, n_embd, n_head, n_positions }</c>.
/// </summary>
internal static class BaseRecipeReader
{
    private static readonly IntBound Layers = new("n_layer", 2, 1, 48), Width = new("n_embd", 64, 8, 4096), Heads = new("n_head", 4, 1, 64),
        Positions = new("n_positions", 256, 8, 8192), Steps = new("steps", 300, 1, 10_000_000), Seed = new("seed", 1, int.MinValue),
        Batch = new("batch_size", 8, 1, 4096), Block = new("block_size", 128, 2, 8192), Warmup = new("warmup_steps", 30, 0, 10_000_000),
        Every = new("checkpoint_every", 50, 0, 10_000_000);
    private static readonly RealBound Lr = new("lr", 1e-3, 0, 1e6);

    public static BaseRecipe? Read(YamlFields f, YamlMappingNode model, string path, string kind)
    {
        f.CheckKeys(model, path, ["pretrain"]);
        var at = $"{path}.pretrain";
        var map = f.Mapping(f.Get(model, "pretrain"), at);
        if (map is null) return null;
        f.CheckKeys(map, at, ["config", "data", "steps", "seed", "batch_size", "block_size", "lr", "warmup_steps", "checkpoint_every"]);
        if (kind != TaskKinds.LanguageModelling)
            f.Problem(at, "a pretrained base is a language model: the task's kind must be language-modelling");
        var data = f.RequiredString(map, "data", at);
        if (data is not null && DataSources.KindOf(data) is { } dataKind && dataKind != TaskKinds.LanguageModelling)
        {
            f.Problem($"{at}.data", $"'{data}' is for {dataKind}; pretraining needs a text corpus");
            data = null;
        }
        else if (data is not null && DataSources.KindOf(data) is null)
        {
            f.Problem($"{at}.data", $"unknown data source '{data}' (known: {DataSources.Known})");
            data = null;
        }
        var recipe = Config(f, f.Get(map, "config"), $"{at}.config", data ?? "");
        if (recipe is null || data is null) return null;
        int I(string key, IntBound b, int fallback) => f.Int(f.Get(map, key), $"{at}.{key}", b) ?? fallback;
        recipe = recipe with
        {
            Steps = I("steps", Steps, recipe.Steps), Seed = I("seed", Seed, recipe.Seed), BatchSize = I("batch_size", Batch, recipe.BatchSize),
            BlockSize = I("block_size", Block, recipe.BlockSize), WarmupSteps = I("warmup_steps", Warmup, recipe.WarmupSteps),
            CheckpointEvery = I("checkpoint_every", Every, recipe.CheckpointEvery),
            LearningRate = f.Real(f.Get(map, "lr"), $"{at}.lr", Lr) ?? recipe.LearningRate,
        };
        if (recipe.BlockSize > recipe.Positions)
            f.Problem($"{at}.block_size", $"{recipe.BlockSize} exceeds the model's {recipe.Positions} positions");
        return recipe;
    }

    private static BaseRecipe? Config(YamlFields f, YamlNode? node, string path, string data)
    {
        if (node is null || YamlFields.IsNull(node)) return new BaseRecipe { Data = data };
        if (node is YamlScalarNode)
        {
            var name = f.String(node, path);
            if (name is null) return null;
            if (BaseRecipe.Named(name, data) is { } named) return named;
            f.Problem(path, $"'{name}' is not a named base shape (known: tiny-gpt2) nor a mapping of n_layer, n_embd, n_head, n_positions");
            return null;
        }
        var map = f.Mapping(node, path);
        if (map is null) return null;
        f.CheckKeys(map, path, ["n_layer", "n_embd", "n_head", "n_positions"]);
        var r = new BaseRecipe { Data = data };
        r = r with
        {
            Layers = f.Int(f.Get(map, "n_layer"), $"{path}.n_layer", Layers) ?? r.Layers,
            Width = f.Int(f.Get(map, "n_embd"), $"{path}.n_embd", Width) ?? r.Width,
            Heads = f.Int(f.Get(map, "n_head"), $"{path}.n_head", Heads) ?? r.Heads,
            Positions = f.Int(f.Get(map, "n_positions"), $"{path}.n_positions", Positions) ?? r.Positions,
        };
        if (r.Width % r.Heads != 0) f.Problem($"{path}.n_embd", $"{r.Width} must be a multiple of n_head {r.Heads}");
        return r;
    }
}
