using Sweep.Analysis.Sequential;
using Sweep.Settings;

namespace Sweep.Analysis.Tests.Sequential;

[Category(Category.Unit)]
public sealed class SeedsOnDemandReplayTests
{
    private static readonly SeedPlan Plan = new() { Start = 3, Max = 9, Step = 3 };

    private static TrialRecord Trial(string preset, int seed, double accuracy, int rank = 8) =>
        new("t", preset, seed, "Completed", new Dictionary<string, double> { ["accuracy"] = accuracy }, Rank: rank);

    // Baseline per seed; Joint-3 0.10 above with spread 0.005 (crosses at the second look), B-Q4 wandering around it.
    private static readonly double[] Base = [0.80, 0.82, 0.79, 0.81, 0.83, 0.80, 0.78, 0.82, 0.81];
    private static readonly double[] Far = [0.10, 0.105, 0.095, 0.10, 0.105, 0.095, 0.10, 0.105, 0.095];
    private static readonly double[] Near = [0.01, -0.02, 0.005, -0.01, 0.02, -0.005, 0.0, 0.01, -0.015];

    private static List<TrialRecord> Trials()
    {
        var trials = new List<TrialRecord>();
        for (var s = 1; s <= 9; s++)
        {
            trials.Add(Trial("B-FP", s, Base[s - 1]));
            trials.Add(Trial("Joint-3", s, Base[s - 1] + Far[s - 1]));
            trials.Add(Trial("B-Q4", s, Base[s - 1] + Near[s - 1] - 0.01, rank: 4)); // two ranks: the comparison takes their mean
            trials.Add(Trial("B-Q4", s, Base[s - 1] + Near[s - 1] + 0.01, rank: 8));
        }
        return trials;
    }

    [Fact]
    public void The_replay_takes_the_same_decisions_as_look_by_look_planning_and_counts_trials_per_rank()
    {
        var design = SeedsOnDemand.DesignFor(new AnalysisSpec { Sequential = SequentialMethods.OBrienFleming }, Plan);
        var result = SeedsOnDemandReplay.Run(Trials(), new SeedsOnDemand(design, "B-FP", null));

        var far = result.Comparisons[new SequentialArm("t", "Joint-3")];
        Assert.Equal((SequentialDecision.Efficacy, 6), (far.Decision, far.Seeds));
        var near = result.Comparisons[new SequentialArm("t", "B-Q4")];
        Assert.Equal(9, near.Seeds);
        // The mean over B-Q4's two ranks is baseline + Near: its last look tests exactly those nine differences.
        var expected = SequentialComparison.Test(design, 2, Near);
        Assert.Equal(expected.T, near.Looks[^1].T, 9);
        Assert.Equal("accuracy", result.Metrics["t"]);
        // Run: B-FP 9, B-Q4 9 × 2 ranks, Joint-3 6; at max: 9 + 18 + 9.
        Assert.Equal((33L, 36L), (result.TrialsRun, result.TrialsAtMax));
    }

    [Fact]
    public void A_baseline_without_trials_is_bad_input()
    {
        var design = SeedsOnDemand.DesignFor(new AnalysisSpec { Sequential = SequentialMethods.Pocock }, Plan);
        var e = Assert.Throws<AnalysisInputException>(() => SeedsOnDemandReplay.Run(Trials(), new SeedsOnDemand(design, "B-Ada", null)));
        Assert.Contains("'B-Ada' has no trials", e.Message);
    }
}
