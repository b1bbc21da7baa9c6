using Sweep.ResultFiles;
using System.Text.Json.Nodes;
using Sweep.Client.Progress;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Tests.Results;

/// <summary>Seeds on demand in results.json (against the schema in docs/), summary.md and the console lines.</summary>
[Category(Category.Unit)]
public sealed class SequentialResultsTests
{
    private static readonly SequentialReport Report = new()
    {
        Method = SequentialMethods.OBrienFleming, Alpha = 0.05, LookSeeds = [3, 6, 9], CurrentLook = 3, Done = true,
        TrialsScheduled = 24, TrialsAtMax = 27,
        Comparisons =
        [
            new SequentialComparisonReport
            {
                Task = "t", Metric = "accuracy", Baseline = "B-FP", Preset = "Joint-3",
                History =
                [
                    new(1, 3, 1.0 / 3, 3.39, 0.0007, 0.0007, 0.05, 20, 2, 3.0, null, SequentialDecisions.Continue),
                    new(2, 6, 2.0 / 3, 2.40, 0.012, 0.011, 0.05, 30, 5, 4.5, null, SequentialDecisions.Efficacy),
                ],
            },
            new SequentialComparisonReport
            {
                Task = "t", Metric = "accuracy", Baseline = "B-FP", Preset = "B-Q4",
                History =
                [
                    new(1, 1, 1.0 / 3, 3.39, 0.0007, 0.0007, double.NaN, double.NaN, 0, double.NaN, null, SequentialDecisions.Continue),
                    new(2, 6, 2.0 / 3, 2.40, 0.012, 0.011, 0.001, 0.2, 5, 0.19, null, SequentialDecisions.Continue),
                    new(3, 9, 1, 2.05, 0.05, 0.038, 0.001, 0.3, 8, 0.28, null, SequentialDecisions.StopAtMax),
                ],
            },
        ],
    };

    private static ExperimentResults Results() => new("exp", new SweepSpec
    {
        Name = "seq", Tasks = [new TaskSpec { Name = "t", Model = "tiny-bert", Data = "toy-sentiment" }],
        Presets = ["B-FP", "B-Q4", "Joint-3"], Seeds = Enumerable.Range(1, 9).ToList(), SeedPlan = new SeedPlan { Start = 3, Max = 9, Step = 3 },
        Analysis = new AnalysisSpec { Sequential = SequentialMethods.OBrienFleming },
    }, [], ExperimentState.Completed) { Sequential = Report };

    [Fact]
    public void Results_json_carries_each_comparisons_look_decision_boundary_and_trials_saved_and_validates()
    {
        var doc = JsonNode.Parse(ResultsJson.Serialize(Results(), null))!;
        Assert.Empty(ResultsSchema.Problems(doc));
        var seq = doc["sequential"]!;
        Assert.Equal(3, seq["trials_saved"]!.GetValue<long>());
        Assert.Equal(3, seq["looks"]!.GetValue<int>());
        var far = seq["comparisons"]![0]!;
        Assert.Equal(("efficacy", 2, 6, "efficacy_upper", 3), (far["decision"]!.GetValue<string>(), far["look"]!.GetValue<int>(),
            far["seeds"]!.GetValue<int>(), far["boundary_crossed"]!.GetValue<string>(), far["trials_saved"]!.GetValue<int>()));
        var near = seq["comparisons"]![1]!;
        Assert.Null(near["boundary_crossed"]);
        Assert.Equal(0, near["trials_saved"]!.GetValue<int>());
        Assert.Null(near["history"]![0]!["z"]); // a look with one pair is not tested: null, never "NaN"
        Assert.Equal(3, doc["spec"]!["seed_plan"]!["start"]!.GetValue<int>());
    }

    [Fact]
    public void A_document_with_a_wrong_decision_fails_the_schema()
    {
        var doc = JsonNode.Parse(ResultsJson.Serialize(Results(), null))!;
        doc["sequential"]!["comparisons"]![0]!["decision"] = "stopped";
        Assert.NotEmpty(ResultsSchema.Problems(doc));
    }

    [Fact]
    public void A_plain_seed_list_writes_null()
    {
        var doc = JsonNode.Parse(ResultsJson.Serialize(Results() with { Sequential = null }, null))!;
        Assert.Null(doc["sequential"]);
        Assert.Empty(ResultsSchema.Problems(doc));
    }

    [Fact]
    public void Summary_and_console_say_look_k_of_K_seeds_decision_and_boundary()
    {
        var md = SequentialMarkdown.Render(ResultsJson.Sequential(Results())!);
        Assert.Contains("| t | Joint-3 vs B-FP | accuracy | 2 of 3 | 6 | efficacy | efficacy_upper | 3 | 3: 3.00 (3.39); 6: 4.50 (2.40) |", md);
        Assert.Contains("| t | B-Q4 vs B-FP | accuracy | 3 of 3 | 9 | stop_at_max | – | 0 | 1: –; 6: 0.19 (2.40); 9: 0.28 (2.05) |", md);
        Assert.Contains("Trials: 24 run of 27 with 9 seeds everywhere — 3 saved (11%).", md);
        Assert.Equal("t: Joint-3 vs B-FP (accuracy): look 2 of 3, 6 seeds, efficacy (higher than the baseline, |z| 4.50 ≥ 2.40)",
            SequentialText.Comparison(Report, Report.Comparisons[0]));
        Assert.Contains("done, 0 of 2 comparisons open, 24 of up to 27 trials, 3 saved", SequentialText.Overview(Report));
    }
}
