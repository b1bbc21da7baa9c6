using System.ComponentModel;
using Spectre.Console.Cli;

namespace Sweep.Client.Commands;

/// <summary>What a single-trial verb builds: a model with one preset's adapters.</summary>
public abstract class ModelPresetSettings : CommandSettings
{
    [CommandOption("--model <M>", isRequired: true)]
    [Description("built-in model (minilm, bert-base-uncased, gpt2, tiny-bert, tiny-gpt2) or an HF model directory")]
    public string Model { get; set; } = "";

    [CommandOption("--preset <P>", isRequired: true)]
    [Description("B-FP, B-Q4, B-Ada, Joint-1, Joint-2 or Joint-3")]
    public string Preset { get; set; } = "";

    [CommandOption("--rank <R>")]
    [Description("LoRA rank (default: the preset's)")]
    public int? Rank { get; set; }

    [CommandOption("--kind <KIND>")]
    [Description("classification or language-modelling (default: from the data source, else the model name)")]
    public string? Kind { get; set; }
}
