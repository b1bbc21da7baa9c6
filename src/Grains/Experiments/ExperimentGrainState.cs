using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Experiments;

/// <summary>Durable state of an experiment grain.</summary>
[GenerateSerializer]
public sealed class ExperimentGrainState
{
    [Id(0)] public SweepSpec? Spec { get; set; }
    [Id(1)] public string Fingerprint { get; set; } = "";
    [Id(2)] public List<TrialEntry> Trials { get; set; } = [];
    [Id(3)] public bool Cancelled { get; set; }
    [Id(4)] public DateTimeOffset? SubmittedAt { get; set; }
    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Seeds on demand: the looks taken and the decisions (null for a plain seed list).</summary>
    [Id(6)] public SequentialReport? Sequential { get; set; }
    /// <summary>Pretrained bases the experiment's tasks adapt, by recipe hash, once ready.</summary>
    [Id(7)] public Dictionary<string, BaseProvenance> Bases { get; set; } = new();
    /// <summary>Bases whose pretraining failed, by recipe hash: the error.</summary>
    [Id(8)] public Dictionary<string, string> BaseErrors { get; set; } = new();
}
