using System.Globalization;
using System.Text;
using Sweep.Client.Cli;

namespace Sweep.Client.Tests.Commands;

/// <summary><c>sweep simulate-design</c> and <c>sweep analyze --seeds</c>, in-process.</summary>
[Category(Category.Unit)]
public sealed class SequentialCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("sequential");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new SweepApp(stdout, stderr).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Simulate_design_prints_one_row_per_effect_and_design_with_the_null_rejection_near_alpha()
    {
        var (code, stdout, stderr) = await Run("simulate-design", "--seeds", "3,9,3", "--effects", "0,2", "--sweeps", "4000");
        Assert.True(code == ExitCodes.Ok, stderr);
        var rows = stdout.Split('\n').Where(l => l.StartsWith("| 0.0 |") || l.StartsWith("| 2.0 |")).ToList();
        Assert.Equal(6, rows.Count);
        foreach (var design in new[] { "fixed max", "obrien-fleming", "pocock" })
        {
            var nullRow = rows.Single(r => r.StartsWith("| 0.0 |") && r.Contains($"| {design} |"));
            var rejects = double.Parse(nullRow.Split('|')[3].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            // α = 0.05 with 4,000 sweeps: the Monte Carlo sd is 0.0034, so [0.035, 0.065] is over 4 sd wide each way.
            Assert.InRange(rejects, 0.035, 0.065);
        }
        // With a 2-sd effect the sequential designs stop early: fewer seeds than the fixed design's 9.
        var obf = rows.Single(r => r.StartsWith("| 2.0 |") && r.Contains("| obrien-fleming |"));
        var meanSeeds = double.Parse(obf.Split('|')[6].Trim(), CultureInfo.InvariantCulture);
        Assert.InRange(meanSeeds, 3, 8.5);
    }

    /// <summary>Nine seeds; B-Ada 3 points below the baseline with little noise, B-Q4 the same as the baseline.</summary>
    private string WriteCsv()
    {
        var sb = new StringBuilder("task,preset,seed,state,accuracy\n");
        var rng = new Random(7);
        foreach (var preset in new[] { "B-FP", "B-Q4", "B-Ada" })
            for (var s = 1; s <= 9; s++)
            {
                var acc = 0.90 - (preset == "B-Ada" ? 0.03 : 0) + (rng.NextDouble() - 0.5) * 0.02;
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"sentiment,{preset},{s},Completed,{acc}"));
            }
        var path = Path.Combine(_dir.Path, "trials.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public async Task Analyze_with_seeds_replays_the_design_and_counts_the_trials_saved()
    {
        var (code, stdout, stderr) = await Run("analyze", WriteCsv(), "--seeds", "3,9,3", "--sequential", "pocock");
        Assert.True(code == ExitCodes.Ok, stderr);
        var ada = stdout.Split('\n').Single(l => l.Contains("B-Ada vs B-FP"));
        Assert.Contains("efficacy (lower than the baseline", ada);
        var q4 = stdout.Split('\n').Single(l => l.Contains("B-Q4 vs B-FP"));
        Assert.Contains("look 3 of 3, 9 seeds", q4);
        Assert.Contains("replayed on", stdout);
        Assert.Contains("of up to 27 trials", stdout);
    }
}
