using System.Text.Json.Nodes;
using Sweep.Analysis;
using Sweep.ResultFiles;
using Sweep.Grains.Aggregation;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Client.Tests.Results;

/// <summary>results.json against the hand-written schema in docs/: a document built from outcomes (a diverged trial with
/// a NaN loss among them) validates; documents that break the contract do not.</summary>
[Category(Category.Unit)]
public sealed class ResultsJsonSchemaTests
{
    private static ExperimentResults Results()
    {
        var trials = new List<TrialOutcome>();
        foreach (var (preset, shift) in new[] { ("B-FP", 0.0), ("B-Ada", -0.03) })
            for (var seed = 1; seed <= 3; seed++)
                trials.Add(new TrialOutcome
                {
                    Id = $"t/{preset}/r8/s{seed}", Task = "t", Preset = preset, Method = preset == "B-FP" ? "lora" : "adalora", Rank = 8, Seed = seed,
                    State = TrialState.Completed, Attempts = 1, Silo = "s", Device = "cpu",
                    Metrics = new Dictionary<string, double>
                    {
                        ["accuracy"] = 0.9 + shift + seed * 0.001, ["trainable_params"] = preset == "B-FP" ? 1000 : 1500,
                        ["train_seconds"] = 60 + seed, ["perplexity"] = double.NaN,
                    },
                    RankPattern = preset == "B-Ada" ? new Dictionary<string, int> { ["layer.0.attention.self.query"] = 3 } : null,
                    LossCurve = [[0, 0.7], [1, 0.5]],
                    FinishedAt = DateTimeOffset.UnixEpoch,
                });
        trials.Add(new TrialOutcome
        {
            Id = "t/B-Ada/r8/s4", Task = "t", Preset = "B-Ada", Seed = 4, State = TrialState.Diverged, Attempts = 1,
            LossCurve = [[0, 0.7], [1, double.NaN]], DivergedAtStep = 1, Error = "loss is NaN", FinishedAt = DateTimeOffset.UnixEpoch,
        });
        return new ExperimentResults("exp", new SweepSpec { Name = "schema", Tasks = [new TaskSpec { Name = "t", Model = "tiny-bert", Data = "toy-sentiment" }], Presets = ["B-FP", "B-Ada"], Seeds = [1, 2, 3, 4] }, trials, ExperimentState.Completed);
    }

    private static JsonNode Document()
    {
        var results = Results();
        var analysis = new StudyAnalysis().Analyze(OutcomeRecords.ToRecords(results.Trials), new AnalysisSpec().ToOptions());
        Assert.NotNull(analysis);
        return JsonNode.Parse(ResultsJson.Serialize(results, analysis))!;
    }

    [Fact]
    public void A_document_written_from_outcomes_validates_with_null_for_missing_numbers()
    {
        var doc = Document();
        Assert.Empty(ResultsSchema.Problems(doc));
        var text = doc.ToJsonString();
        Assert.DoesNotContain("\"NaN\"", text);
        Assert.DoesNotContain("Infinity", text);
        Assert.Null(doc["trials"]![0]!["metrics"]!["perplexity"]);      // NaN → null
        Assert.Null(doc["trials"]![0]!["metrics"]!["f1"]);              // not measured → null
        Assert.Null(doc["trials"]![6]!["loss_curve"]![1]![1]);          // diverged loss → null
        Assert.Equal("Diverged", doc["trials"]![6]!["state"]!.GetValue<string>());
        Assert.Contains(doc["analysis"]!["claims"]!.AsArray(), c => c!["verdict"]!.GetValue<string>() is "supported" or "refuted" or "inconclusive");
        Assert.Contains(doc["analysis"]!["comparisons"]!.AsArray(), c => c!["test"]!.GetValue<string>() == "paired_t");
    }

    [Fact]
    public void A_document_without_analysis_validates()
    {
        var doc = JsonNode.Parse(ResultsJson.Serialize(Results(), null))!;
        Assert.Empty(ResultsSchema.Problems(doc));
    }

    [Fact]
    public void A_document_without_trials_fails()
    {
        var doc = Document().AsObject();
        doc.Remove("trials");
        Assert.NotEmpty(ResultsSchema.Problems(doc));
    }

    [Fact]
    public void A_metric_written_as_the_string_NaN_fails()
    {
        var doc = Document();
        doc["trials"]![0]!["metrics"]!["perplexity"] = "NaN";
        Assert.NotEmpty(ResultsSchema.Problems(doc));
    }

    [Theory]
    [InlineData("state", "completed")]   // states are spelled as the enum: Completed
    [InlineData("seed", "1")]
    public void A_trial_field_of_the_wrong_spelling_or_type_fails(string field, string value)
    {
        var doc = Document();
        doc["trials"]![0]![field] = value;
        Assert.NotEmpty(ResultsSchema.Problems(doc));
    }

    [Fact]
    public void A_verdict_or_test_outside_the_contract_fails()
    {
        var verdict = Document();
        verdict["analysis"]!["claims"]![0]!["verdict"] = "Supported";
        Assert.NotEmpty(ResultsSchema.Problems(verdict));
        var test = Document();
        test["analysis"]!["comparisons"]![0]!["test"] = "PairedT";
        Assert.NotEmpty(ResultsSchema.Problems(test));
    }
}
