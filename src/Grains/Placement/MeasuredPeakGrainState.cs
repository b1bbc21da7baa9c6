using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Placement;

/// <summary>Durable state of a measured-peak grain: the recipe's text and its largest measured peak.</summary>
[GenerateSerializer]
public sealed class MeasuredPeakGrainState
{
    [Id(0)] public string Recipe { get; set; } = "";
    [Id(1)] public MeasuredPeak? Peak { get; set; }
}
