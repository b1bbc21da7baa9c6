using Sweep.Settings;

namespace Sweep.Training.Adapters;

/// <summary>Classifies HF module paths of BERT and GPT-2 into <see cref="ModuleKind"/>.</summary>
public static class ModuleKinds
{
    public static ModuleKind Classify(string path)
    {
        if (path.EndsWith(".query") || path.EndsWith(".key") || path.EndsWith(".value") || path.EndsWith("attention.output.dense")
            || path.EndsWith("attn.c_attn") || path.EndsWith("attn.c_proj"))
            return ModuleKind.Attention;
        if (path.EndsWith("intermediate.dense") || path.EndsWith(".output.dense") || path.EndsWith("mlp.c_fc") || path.EndsWith("mlp.c_proj"))
            return ModuleKind.FeedForward;
        return ModuleKind.Other;
    }

    /// <summary>Whether <paramref name="path"/> is selected by target name <paramref name="target"/> (a dotted suffix).</summary>
    public static bool Matches(string path, string target)
    {
        if (target == AdapterFields.AllLinear) return true;
        if (path == target || path.EndsWith("." + target, StringComparison.Ordinal))
        {
            // "output.dense" means the FFN output, not "attention.output.dense".
            return !(target == "output.dense" && path.EndsWith("attention.output.dense", StringComparison.Ordinal));
        }
        return false;
    }
}
