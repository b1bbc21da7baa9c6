namespace Sweep.Settings;

/// <summary>Which adapter a preset trains: fixed-rank LoRA or adaptive-rank AdaLoRA.</summary>
public enum AdapterMethod { Lora, AdaLora }

public static class AdapterMethods
{
    /// <summary>The method as results (results.json, trials.csv, summaries) spell it: "LoRA" or "AdaLoRA".</summary>
    public static string Name(this AdapterMethod method) => method == AdapterMethod.AdaLora ? "AdaLoRA" : "LoRA";
}
