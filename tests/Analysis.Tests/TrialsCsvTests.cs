namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class TrialsCsvTests
{
    private static IReadOnlyList<TrialRecord> Parse(string text) => TrialsCsv.Parse(text, "trials.csv");

    [Fact]
    public void Reads_required_and_metric_columns_with_rfc4180_quoting()
    {
        var t = Parse("task,preset,seed,state,accuracy,metrics.train_seconds,error,silo\r\n" +
                      "sentiment,B-FP,1,Completed,0.91,120.5,\"\",\"silo, \"\"a\"\"\"\r\n" +
                      "sentiment,B-Ada,1,completed,NaN,,\"line1\nline2\",b\n");
        Assert.Equal(2, t.Count);
        Assert.Equal(0.91, t[0].Metrics["accuracy"]);
        Assert.Equal(120.5, t[0].Metrics["train_seconds"]);
        Assert.Equal("Completed", t[1].State); // state casing normalised
        Assert.True(double.IsNaN(t[1].Metrics["accuracy"])); // NaN is an outcome, not an error
        Assert.False(t[1].Metrics.ContainsKey("train_seconds")); // empty = not measured
    }

    [Fact]
    public void Reads_trial_result_column_names_for_predictions()
    {
        var t = Parse("task,preset,seed,state,accuracy,eval_predictions,eval_labels,rank_pattern\n" +
                      "s,B-Ada,1,Completed,0.5,\"[1,0]\",\"[1,1]\",\"{\"\"layer.0.q\"\": 3}\"\n");
        Assert.Equal([1, 0], t[0].Predictions);
        Assert.Equal([1, 1], t[0].Labels);
        Assert.Equal(3, t[0].RankPattern!["layer.0.q"]);
        var bad = Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy,loss_curve\ns,B-FP,1,Completed,0.5,\"[[1,\"\n"));
        Assert.Contains("'loss_curve'", bad.Message);
    }

    [Fact]
    public void Reads_the_dtypes_a_trial_ran_with_and_leaves_them_empty_where_the_file_has_none()
    {
        var t = Parse("task,preset,seed,state,base_dtype,compute_dtype,accuracy\ns,B-FP,1,Completed,fp32,fp32,0.9\ns,B-Q4,1,Completed,nf4,bf16,0.8\n");
        Assert.Equal(("fp32", "fp32"), (t[0].BaseDtype, t[0].ComputeDtype));
        Assert.Equal(("nf4", "bf16"), (t[1].BaseDtype, t[1].ComputeDtype));
        Assert.Equal("", Parse("task,preset,seed,state,accuracy\ns,B-FP,1,Completed,0.9\n")[0].BaseDtype);
    }

    [Fact]
    public void Missing_required_column_is_named()
    {
        var e = Assert.Throws<AnalysisInputException>(() => Parse("task,preset,state,accuracy\nsentiment,B-FP,Completed,0.9\n"));
        Assert.Contains("trials.csv", e.Message);
        Assert.Contains("'seed'", e.Message);
    }

    [Fact]
    public void Non_numeric_value_names_row_column_and_value()
    {
        var e = Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy\nsentiment,B-FP,1,Completed,0.9\nsentiment,B-Q4,1,Completed,abc\n"));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("'accuracy'", e.Message);
        Assert.Contains("'abc'", e.Message);
        var seed = Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy\nsentiment,B-FP,one,Completed,0.9\n"));
        Assert.Contains("'seed'", seed.Message);
        Assert.Contains("'one'", seed.Message);
    }

    [Fact]
    public void Empty_files_and_files_without_metrics_are_rejected()
    {
        Assert.Contains("empty", Assert.Throws<AnalysisInputException>(() => Parse("")).Message);
        Assert.Contains("no metric column", Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state\nx,B-FP,1,Completed\n")).Message);
        Assert.Contains("no trial rows", Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy\n")).Message);
        Assert.Contains("fields", Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy\nx,B-FP,1\n")).Message);
        Assert.Contains("unterminated", Assert.Throws<AnalysisInputException>(() => Parse("task,preset,seed,state,accuracy\nx,\"B-FP,1,Completed,0.9\n")).Message);
    }

    [Fact]
    public void Write_then_read_round_trips_everything()
    {
        var trials = SyntheticStudy.Trials(seeds: 2, withLm: false).Take(4)
            .Append(new TrialRecord("task, with \"quotes\"", "B-FP", 3, "Diverged",
                new Dictionary<string, double> { ["eval_loss"] = double.PositiveInfinity }, "LoRA,r=8")).ToList();
        using var dir = new TempDirectory("trials");
        var path = dir.File("trials.csv");
        TrialsCsv.Write(trials, path);
        var back = TrialsCsv.Read(path);
        Assert.Equal(trials.Count, back.Count);
        for (var i = 0; i < trials.Count; i++)
        {
            Assert.Equal(trials[i].Task, back[i].Task);
            Assert.Equal(trials[i].Preset, back[i].Preset);
            Assert.Equal(trials[i].Method, back[i].Method);
            Assert.Equal(trials[i].Seed, back[i].Seed);
            Assert.Equal(trials[i].State, back[i].State);
            Assert.Equal(trials[i].Metrics.OrderBy(k => k.Key), back[i].Metrics.OrderBy(k => k.Key));
            Assert.Equal(trials[i].Predictions, back[i].Predictions);
            Assert.Equal(trials[i].RankPattern?.OrderBy(k => k.Key), back[i].RankPattern?.OrderBy(k => k.Key));
            Assert.Equal(trials[i].LossCurve?.Count, back[i].LossCurve?.Count);
        }
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        var e = Assert.Throws<AnalysisInputException>(() => TrialsCsv.Read("/nonexistent/trials.csv"));
        Assert.Contains("/nonexistent/trials.csv", e.Message);
    }
}
