using Sweep.Settings;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>
/// Reads <c>adapter:</c> — targets, alpha, matched_budget and <c>adalora: {init_rank, target_rank, tinit, tfinal, delta_t,
/// orth_reg_weight}</c>, each checked against its bounds in <see cref="AdapterFields"/>.
/// </summary>
internal static class AdapterReader
{
    private static readonly string[] AdaKeys =
    [
        AdapterFields.AdaInitRank.Key, AdapterFields.AdaTargetRank.Key, AdapterFields.AdaTinit.Key, AdapterFields.AdaTfinal.Key,
        AdapterFields.AdaDeltaT.Key, AdapterFields.AdaOrthRegWeight.Key,
    ];

    public static AdapterSpec Read(YamlFields f, YamlNode? node)
    {
        var map = f.Mapping(node, "adapter");
        if (map is null) return new AdapterSpec();
        f.CheckKeys(map, "adapter", ["targets", AdapterFields.Alpha.Key, "matched_budget", "adalora"]);
        var targetsNode = f.Get(map, "targets");
        var targets = targetsNode is null ? AdapterFields.Targets : f.StringList(targetsNode, "adapter.targets");
        if (targetsNode is not null && targets.Count == 0) f.Problem("adapter.targets", $"must not be empty (leave it out for {AdapterFields.AllLinear})");
        var matched = f.String(f.Get(map, "matched_budget"), "adapter.matched_budget");
        if (matched is not null && matched is not ("true" or "false")) f.Problem("adapter.matched_budget", $"must be true or false (got '{matched}')");
        var spec = new AdapterSpec
        {
            Targets = targets,
            Alpha = f.Real(f.Get(map, AdapterFields.Alpha.Key), $"adapter.{AdapterFields.Alpha.Key}", AdapterFields.Alpha),
            MatchedBudget = matched == "true",
        };
        var ada = f.Mapping(f.Get(map, "adalora"), "adapter.adalora");
        if (ada is null) return spec;
        const string p = "adapter.adalora";
        f.CheckKeys(ada, p, AdaKeys);
        int? Int(IntBound b) => f.Int(f.Get(ada, b.Key), $"{p}.{b.Key}", b);
        double? Real(RealBound b) => f.Real(f.Get(ada, b.Key), $"{p}.{b.Key}", b);
        spec = spec with
        {
            AdaInitRank = Int(AdapterFields.AdaInitRank),
            AdaTargetRank = Int(AdapterFields.AdaTargetRank),
            AdaTinit = Real(AdapterFields.AdaTinit),
            AdaTfinal = Real(AdapterFields.AdaTfinal),
            AdaDeltaT = Int(AdapterFields.AdaDeltaT),
            AdaOrthRegWeight = Real(AdapterFields.AdaOrthRegWeight),
        };
        var init = spec.AdaInitRank ?? AdapterFields.AdaInitRank.Value;
        if (spec.AdaTargetRank is int target && target >= init)
            f.Problem($"{p}.target_rank", $"must be below init_rank {init} (got {target})");
        if ((spec.AdaTinit ?? AdapterFields.AdaTinit.Value) + (spec.AdaTfinal ?? AdapterFields.AdaTfinal.Value) >= 1)
            f.Problem($"{p}.tinit + {p}.tfinal", "must leave steps for pruning (their sum must be below 1)");
        return spec;
    }
}
