using YamlDotNet.RepresentationModel;

namespace Sweep.Grains.Interfaces.Spec;

/// <summary>Reads <c>adapter:</c> — targets, alpha, matched_budget and <c>adalora: {init_rank, target_rank, tinit, tfinal, delta_t, orth_reg_weight}</c>.</summary>
internal static class AdapterReader
{
    public static AdapterSpec Read(YamlFields f, YamlNode? node)
    {
        var map = f.Mapping(node, "adapter");
        if (map is null) return new AdapterSpec();
        f.CheckKeys(map, "adapter", ["targets", "alpha", "matched_budget", "adalora"]);
        var targetsNode = f.Get(map, "targets");
        var targets = targetsNode is null ? ["all-linear"] : f.StringList(targetsNode, "adapter.targets");
        if (targetsNode is not null && targets.Count == 0) f.Problem("adapter.targets", "must not be empty (leave it out for all-linear)");
        var matched = f.String(f.Get(map, "matched_budget"), "adapter.matched_budget");
        if (matched is not null && matched is not ("true" or "false")) f.Problem("adapter.matched_budget", $"must be true or false (got '{matched}')");
        var spec = new AdapterSpec
        {
            Targets = targets,
            Alpha = f.Double(f.Get(map, "alpha"), "adapter.alpha", 0),
            MatchedBudget = matched == "true",
        };
        var ada = f.Mapping(f.Get(map, "adalora"), "adapter.adalora");
        if (ada is null) return spec;
        const string p = "adapter.adalora";
        f.CheckKeys(ada, p, ["init_rank", "target_rank", "tinit", "tfinal", "delta_t", "orth_reg_weight"]);
        spec = spec with
        {
            AdaInitRank = f.Int(f.Get(ada, "init_rank"), $"{p}.init_rank", 1),
            AdaTargetRank = f.Int(f.Get(ada, "target_rank"), $"{p}.target_rank", 1),
            AdaTinit = Fraction(f, f.Get(ada, "tinit"), $"{p}.tinit"),
            AdaTfinal = Fraction(f, f.Get(ada, "tfinal"), $"{p}.tfinal"),
            AdaDeltaT = f.Int(f.Get(ada, "delta_t"), $"{p}.delta_t", 1),
            AdaOrthRegWeight = f.Double(f.Get(ada, "orth_reg_weight"), $"{p}.orth_reg_weight", -1e-300),
        };
        var init = spec.AdaInitRank ?? 12;
        if (spec.AdaTargetRank is int target && target >= init)
            f.Problem($"{p}.target_rank", $"must be below init_rank {init} (got {target})");
        if ((spec.AdaTinit ?? 0.1) + (spec.AdaTfinal ?? 0.2) >= 1)
            f.Problem($"{p}.tinit + {p}.tfinal", "must leave steps for pruning (their sum must be below 1)");
        return spec;
    }

    private static double? Fraction(YamlFields f, YamlNode? node, string path)
    {
        var v = f.Double(node, path, -1e-300, 1);
        return v;
    }
}
