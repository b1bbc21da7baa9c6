namespace Sweep.Analysis.Tests;

/// <summary>Checks across rows of a trials CSV: one row per trial, fractions in [0, 1], states known; NaN/∞ reported, not dropped.</summary>
[Category(Category.Unit)]
public sealed class TrialsCsvChecksTests
{
    private const string Header = "task,preset,seed,state,accuracy\n";

    private static IReadOnlyList<TrialRecord> Parse(string text) => TrialsCsv.Parse(text, "trials.csv");

    private static string Fails(string text) => Assert.Throws<AnalysisInputException>(() => Parse(text)).Message;

    [Fact]
    public void Conflicting_duplicate_rows_name_both_rows_and_the_differing_column()
    {
        var m = Fails(Header + "s,B-FP,1,Completed,0.90\ns,B-FP,2,Completed,0.91\ns,B-FP,1,Completed,0.99\n");
        Assert.Contains("rows 1 and 3 (lines 2 and 4)", m);
        Assert.Contains("column 'accuracy' ('0.90' vs '0.99')", m);
    }

    [Fact]
    public void Identical_duplicate_rows_are_rejected_not_counted_twice()
    {
        var m = Fails(Header + "s,B-FP,1,Completed,0.90\ns,B-FP,1,Completed,0.90\n");
        Assert.Contains("rows 1 and 2", m);
        Assert.Contains("repeated exactly", m);
    }

    [Fact]
    public void Rows_differing_in_rank_task_or_preset_are_different_trials()
    {
        var t = Parse("task,preset,rank,seed,state,accuracy\ns,B-FP,4,1,Completed,0.9\ns,B-FP,8,1,Completed,0.9\n" +
                      "t,B-FP,8,1,Completed,0.9\ns,B-Q4,8,1,Completed,0.9\n");
        Assert.Equal(4, t.Count);
        Assert.Contains("rank 8", Fails("task,preset,rank,seed,state,accuracy\ns,B-FP,8,1,Completed,0.9\ns,B-FP,8,1,Failed,\n"));
    }

    [Fact]
    public void Fractions_outside_unit_interval_are_rejected_with_row_and_column()
    {
        var m = Fails(Header + "s,B-FP,1,Completed,0.9\ns,B-FP,2,Completed,1.2\ns,B-FP,3,Completed,-4\n");
        Assert.Contains("row 2 (line 3), column 'accuracy': 1.2 is outside [0, 1]", m);
    }

    [Fact]
    public void Percent_columns_are_refused_with_the_conversion_to_make()
    {
        var m = Fails("task,preset,seed,state,f1_macro\ns,B-FP,1,Completed,0.5\ns,B-FP,2,Completed,91.6\n");
        Assert.Contains("column 'f1_macro' looks like percentages", m);
        Assert.Contains("divide the column by 100", m);
    }

    [Fact]
    public void Non_finite_fractions_are_outcomes_not_range_errors()
    {
        var t = Parse(Header + "s,B-FP,1,Completed,NaN\ns,B-FP,2,Completed,inf\ns,B-FP,3,Completed,1\n");
        Assert.Equal(3, t.Count);
    }

    [Fact]
    public void Negative_counts_and_durations_are_rejected()
    {
        var m = Fails("task,preset,seed,state,accuracy,peak_memory_bytes\ns,B-FP,1,Completed,0.9,-1\n");
        Assert.Contains("column 'peak_memory_bytes': -1 is negative", m);
    }

    [Theory]
    [InlineData("Done")]
    [InlineData("ok")]
    public void Unknown_states_are_rejected_with_the_known_ones(string state)
    {
        var m = Fails(Header + $"s,B-FP,1,{state},0.9\n");
        Assert.Contains($"unknown state '{state}'", m);
        Assert.Contains("Completed", m);
    }

    [Fact]
    public void Wrong_delimiter_is_named()
    {
        Assert.Contains("looks ';'-separated", Fails("task;preset;seed;state;accuracy\ns;B-FP;1;Completed;0.9\n"));
    }

    [Fact]
    public void Group_n_counts_finite_values_and_the_rest_are_reported_as_non_finite()
    {
        var t = Parse(Header + "s,B-FP,1,Completed,0.90\ns,B-FP,2,Completed,NaN\ns,B-FP,3,Completed,0.92\ns,B-FP,4,Completed,-inf\n");
        var report = StudyAnalyzer.Analyze(t, new AnalysisOptions());
        var g = Assert.Single(report.Groups, g => g.Metric == "accuracy");
        Assert.Equal(2, g.N);
        Assert.Equal(2, g.NonFinite);
        Assert.Equal(0.91, g.Mean, 12);
    }
}
