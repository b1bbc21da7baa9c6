using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Client.Cli;

namespace Sweep.Client.Tests.Commands;

/// <summary>Runs <c>sweep analyze</c> in-process on real CSV files.</summary>
[Category(Category.Unit)]
public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("analyze");

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Six presets × seeds; adaptive 3 points lower, B-Q4 25% less memory, adaptive 81% slower.</summary>
    private string WriteCsv(int seeds, string name = "trials.csv")
    {
        var sb = new StringBuilder("task,preset,seed,state,accuracy,f1,trainable_params,peak_memory_bytes,train_seconds\n");
        var rng = new Random(1);
        foreach (var preset in new[] { "B-FP", "B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3" })
            for (var s = 1; s <= seeds; s++)
            {
                var adaptive = preset is "B-Ada" or "Joint-1" or "Joint-2";
                var acc = 0.91 - (adaptive ? 0.03 : 0) + (rng.NextDouble() - 0.5) * 0.004;
                var mem = (preset == "B-Q4" ? 13.0e9 : 17.3e9) * (1 + (rng.NextDouble() - 0.5) * 0.002);
                var time = (adaptive ? 2844 : 1566) * (1 + (rng.NextDouble() - 0.5) * 0.01);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"sentiment,{preset},{s},Completed,{acc},{acc},{(adaptive ? 2011502 : 1340930)},{mem},{time}"));
            }
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public async Task Good_input_prints_the_summary_and_writes_json_and_reports()
    {
        var csv = WriteCsv(seeds: 4);
        var json = Path.Combine(_dir.Path, "analysis.json");
        var outDir = Path.Combine(_dir.Path, "out");
        var (code, stdout, stderr) = await Run("analyze", csv, "--json", json, "--out", outDir);
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("task sentiment", stdout);
        Assert.Contains("B-Ada", stdout);
        Assert.Contains("C1 SUPPORTED", stdout);
        Assert.Contains("C6 SUPPORTED", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("groups").GetArrayLength() > 0);
        Assert.Contains(doc.RootElement.GetProperty("comparisons").EnumerateArray(),
            c => c.GetProperty("test").GetString() == "paired_t" && c.GetProperty("b").GetString() == "B-Ada");
        Assert.Equal(6, doc.RootElement.GetProperty("claims").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(outDir, "summary.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "significance.csv")));
        Assert.Contains($"wrote {Path.Combine(outDir, "significance.csv")}", stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "figures", "figure1_fixed_vs_adaptive.png")));
    }

    [Fact]
    public async Task One_seed_reports_insufficient_data_and_succeeds()
    {
        var csv = WriteCsv(seeds: 1);
        var json = Path.Combine(_dir.Path, "one.json");
        var (code, stdout, stderr) = await Run("analyze", csv, "--json", json);
        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Contains("insufficient data", stdout);
        var comparisons = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("comparisons");
        Assert.All(comparisons.EnumerateArray(), c => Assert.StartsWith("insufficient data", c.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Missing_column_exits_2_naming_it()
    {
        var path = Path.Combine(_dir.Path, "bad.csv");
        File.WriteAllText(path, "task,preset,state,accuracy\nsentiment,B-FP,Completed,0.9\n");
        var (code, _, stderr) = await Run("analyze", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'seed'", stderr);
        Assert.Contains("bad.csv", stderr);
    }

    [Fact]
    public async Task Non_numeric_value_exits_2_naming_column_and_value()
    {
        var path = Path.Combine(_dir.Path, "text.csv");
        File.WriteAllText(path, "task,preset,seed,state,accuracy\nsentiment,B-FP,1,Completed,0.9\nsentiment,B-FP,2,Completed,ninety\n");
        var (code, _, stderr) = await Run("analyze", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'accuracy'", stderr);
        Assert.Contains("'ninety'", stderr);
        Assert.Contains("row 2", stderr);
    }

    [Fact]
    public async Task Unknown_baseline_exits_2_listing_the_presets()
    {
        var csv = WriteCsv(seeds: 2);
        var (code, _, stderr) = await Run("analyze", csv, "--baseline", "B-Nope");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("B-Nope", stderr);
        Assert.Contains("B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3", stderr);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(ExitCodes.BadInput, (await Run("analyze")).Code);
        Assert.Equal(ExitCodes.BadInput, (await Run("analyze", "x.csv", "--colour", "red")).Code);
        var missing = await Run("analyze", Path.Combine(_dir.Path, "absent.csv"));
        Assert.Equal(ExitCodes.BadInput, missing.Code);
        Assert.Contains("absent.csv", missing.Err);
    }
}
