using Spectre.Console.Cli;

namespace Sweep.Client.Commands;

/// <summary>Every verb of the console, in help order.</summary>
public static class CommandCatalog
{
    public static void AddVerbs(IConfigurator c)
    {
        c.AddCommand<RunCommand>("run").WithDescription("run a sweep and wait (embedded silo by default); live progress; results into DIR")
            .WithExample("run", "examples/quickstart.yaml", "--out", "runs/quickstart");
        c.AddCommand<SubmitCommand>("submit").WithDescription("submit a sweep to a running cluster and print its id");
        c.AddCommand<WatchCommand>("watch").WithDescription("follow a running experiment with live progress");
        c.AddCommand<StatusCommand>("status").WithDescription("show an experiment's trials and their states");
        c.AddCommand<ResultsCommand>("results").WithDescription("write an experiment's results (results.json, trials.csv, summary.md, figures/)");
        c.AddCommand<CancelCommand>("cancel").WithDescription("cancel an experiment (finished results are kept)");
        c.AddCommand<ListCommand>("list").WithDescription("list the experiments of a cluster");
        c.AddCommand<ValidateCommand>("validate").WithDescription("check a sweep spec and print every problem with its field path");
        c.AddCommand<TrainCommand>("train").WithDescription("run one trial in-process (no cluster) and print its metrics")
            .WithExample("train", "--model", "tiny-bert", "--preset", "B-FP", "--data", "toy-sentiment", "--max-steps", "20");
        c.AddCommand<InspectCommand>("inspect").WithDescription("show trainable/total parameters per module, quantized bytes and bits/param for a model + preset")
            .WithExample("inspect", "--model", "bert-base-uncased", "--preset", "Joint-3");
        c.AddCommand<PretrainCommand>("pretrain").WithDescription("pretrain a small GPT-2-shaped base on a corpus; writes an HF model directory")
            .WithExample("pretrain", "--data", "toy-text", "--out", "models/tiny-gpt");
        c.AddCommand<AnalyzeCommand>("analyze").WithDescription("recompute the analysis (stats, significance tests, claim verdicts, figures) from a trials CSV")
            .WithExample("analyze", "runs/quickstart/trials.csv", "--out", "runs/quickstart/reanalysis");
        c.AddCommand<SimulateDesignCommand>("simulate-design").WithDescription("simulate seeds on demand on synthetic paired outcomes: type I error, power and mean seeds per design")
            .WithExample("simulate-design", "--seeds", "3,12,3", "--effects", "0,1,2", "--sweeps", "10000");
    }
}
