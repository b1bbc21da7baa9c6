namespace Sweep.Settings;

/// <summary>One task: a model trained on a data source.</summary>
[GenerateSerializer, Immutable]
public sealed record TaskSpec
{
    [Id(0)] public required string Name { get; init; }
    /// <summary>classification | language-modelling (<see cref="TaskKinds"/>)</summary>
    [Id(1)] public string Kind { get; init; } = TaskKinds.Classification;
    [Id(2)] public required string Model { get; init; }
    /// <summary>Built-in source name, or "sst2:PATH" / "wikitext2:PATH".</summary>
    [Id(3)] public required string Data { get; init; }
    /// <summary>When set, the task's base is pretrained by the experiment from this recipe (and <see cref="Model"/> is
    /// its <see cref="BaseRecipe.ModelName"/>).</summary>
    [Id(4)] public BaseRecipe? Base { get; init; }
}
