using Sweep.Analysis;
using Sweep.Grains.Interfaces;
using Sweep.ResultFiles;
using Sweep.Settings;

namespace Sweep.Client.Tests.Results;

/// <summary>trials.csv as written for a run: the resume step of a trial's final attempt is a column after the attempts,
/// empty for a trial that started at step 0; the allocator follows the dtypes; <c>sweep analyze</c> still reads the file.</summary>
[Category(Category.Unit)]
public sealed class TrialsCsvFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("trials-csv");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Resumed_from_step_follows_attempts_and_is_empty_for_a_fresh_start()
    {
        var metrics = new Dictionary<string, double> { [MetricNames.Accuracy] = 0.9 };
        TrialOutcome Trial(int seed, int attempts, int? resumed) => new()
        {
            Id = $"t/B-FP/r8/s{seed}", Task = "t", Preset = "B-FP", Rank = 8, Seed = seed, State = TrialState.Completed,
            Attempts = attempts, ResumedFromStep = resumed, Metrics = metrics,
        };
        var path = Path.Combine(_dir.Path, "trials.csv");

        TrialsCsvFile.Write([Trial(1, 2, 120), Trial(2, 1, null)], path);

        AssertColumn(path, "resumed_from_step", after: "attempts", "120", "");
    }

    /// <summary>Column <paramref name="name"/> comes right after <paramref name="after"/> and holds <paramref name="cells"/>
    /// row by row; <c>sweep analyze</c> reads the file.</summary>
    private static void AssertColumn(string path, string name, string after, params string[] cells)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var column = Array.IndexOf(header, name);
        Assert.Equal(Array.IndexOf(header, after) + 1, column);
        Assert.Equal(cells, lines.Skip(1).Select(l => l.Split(',')[column]));
        Assert.Equal(cells.Length, TrialsCsv.Read(path).Count);
    }

    [Fact]
    public void The_allocator_a_trial_trained_with_follows_its_dtypes_in_trials_csv_and_results_json()
    {
        var trial = new TrialOutcome
        {
            Id = "t/B-FP/r8/s1", Task = "t", Preset = "B-FP", Rank = 8, Seed = 1, State = TrialState.Completed,
            BaseDtype = "float32", ComputeDtype = "float32", Allocator = "jemalloc",
        };
        var path = Path.Combine(_dir.Path, "alloc.csv");

        TrialsCsvFile.Write([trial, trial with { Id = "t/B-FP/r8/s2", Seed = 2, Allocator = "" }], path);

        AssertColumn(path, "allocator", after: "compute_dtype", "jemalloc", "");
        Assert.Equal("jemalloc", ResultsJson.Build(new ExperimentResults("e", null, [trial], ExperimentState.Completed), null).Trials[0].Allocator);
    }
}
