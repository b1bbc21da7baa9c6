using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Bases;

/// <summary>Durable state of a base grain: survives the loss of its silo.</summary>
[GenerateSerializer]
public sealed class BaseGrainState
{
    [Id(0)] public BaseRecipe? Recipe { get; set; }
    /// <summary>The experiment that first asked for the base (it pretrains it).</summary>
    [Id(1)] public string RequestedBy { get; set; } = "";
    [Id(2)] public int Attempts { get; set; }
    [Id(3)] public BaseProvenance? Provenance { get; set; }
    [Id(4)] public string? Error { get; set; }
}
