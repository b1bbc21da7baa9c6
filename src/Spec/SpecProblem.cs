using Sweep.Settings;

namespace Sweep.Spec;

/// <summary>One thing wrong with a spec: the field path (<c>tasks[0].data</c>, <c>seeds</c>, <c>yaml</c>) and what is wrong.</summary>
public sealed record SpecProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>What loading a spec produced: the spec when there were no problems, else every problem found.</summary>
public sealed record SpecLoadResult(SweepSpec? Spec, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => Spec is not null && Problems.Count == 0;
}
