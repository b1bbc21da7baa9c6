using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>Reads <c>seeds: { start, max, step }</c> (seeds on demand), bounds from <see cref="SweepFields"/>.</summary>
internal static class SeedPlanReader
{
    public static SeedPlan? Read(YamlFields f, YamlNode node)
    {
        var map = f.Mapping(node, "seeds");
        if (map is null) return null;
        f.CheckKeys(map, "seeds", ["start", "max", "step"]);
        var start = Required(f, map, SweepFields.SeedsStart);
        var max = Required(f, map, SweepFields.SeedsMax);
        var stepNode = f.Get(map, "step");
        var step = stepNode is null ? start : f.Int(stepNode, SweepFields.SeedsStep.Key, SweepFields.SeedsStep);
        if (start is not { } s || max is not { } m || step is not { } st) return null;
        if (m < s)
        {
            f.Problem(SweepFields.SeedsMax.Key, $"must be >= seeds.start ({s}) (got {m})");
            return null;
        }
        var plan = new SeedPlan { Start = s, Max = m, Step = st };
        if (plan.Looks().Count is var looks && looks > SweepFields.MaxLooks)
        {
            f.Problem(SweepFields.SeedsStep.Key, $"gives {looks} looks from {s} to {m} seeds; at most {SweepFields.MaxLooks} are allowed (raise seeds.step)");
            return null;
        }
        return plan;
    }

    private static int? Required(YamlFields f, YamlMappingNode map, IntBound bound)
    {
        var key = bound.Key["seeds.".Length..];
        var node = f.Get(map, key);
        if (node is null)
        {
            f.Problem(bound.Key, "is required in seeds on demand (e.g. seeds: { start: 3, max: 12, step: 3 })");
            return null;
        }
        return f.Int(node, bound.Key, bound);
    }
}
