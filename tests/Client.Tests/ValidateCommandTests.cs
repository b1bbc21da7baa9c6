using Sweep.Client.Cli;

namespace Sweep.Client.Tests;

[Category(Category.Unit)]
public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("validate");

    public void Dispose() => _dir.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new SweepApp(stdout, stderr);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir.Path, $"{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Bad_spec_exits_2_and_lists_every_problem_with_its_field_path()
    {
        var path = Write("""
            name: bad
            tasks:
              - { name: t, model: bert-base-uncased, data: { sst2: } }
            presets: [B-FP, B-Foo]
            seeds: []
            ranks: [-8]
            """);
        var (code, _, err) = await Run("validate", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("4 problem(s)", err);
        Assert.Contains("tasks[0].data: sst2 needs a dataset path (sst2: PATH)", err);
        Assert.Contains("presets[1]: unknown preset 'B-Foo' (known: B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3)", err);
        Assert.Contains("seeds: must not be empty", err);
        Assert.Contains("ranks[0]: must be > 0 (got -8)", err);
    }

    [Fact]
    public async Task Keep_checkpoints_that_is_not_true_or_false_exits_2_naming_the_field()
    {
        var path = Write("""
            name: keep
            tasks:
              - { name: t, model: tiny-bert, data: toy-sentiment }
            presets: [B-FP]
            seeds: [1]
            keep_checkpoints: maybe
            """);
        var (code, _, err) = await Run("validate", path);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("keep_checkpoints: must be true or false (got 'maybe')", err);
    }

    [Fact]
    public async Task Yaml_syntax_error_exits_2_with_line_and_column()
    {
        var (code, _, err) = await Run("validate", Write("name: x\npresets: [B-FP\n"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches(@"yaml: .*\(line \d+, column \d+\)", err);
    }

    [Fact]
    public async Task Missing_file_exits_2_naming_it()
    {
        var (code, _, err) = await Run("validate", Path.Combine(_dir.Path, "nope.yaml"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("nope.yaml' does not exist", err);
    }

    [Fact]
    public async Task Good_spec_exits_0_and_counts_trials()
    {
        var path = Write("""
            name: ok
            tasks: [{ name: s, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Ada]
            seeds: [1, 2]
            ranks: [4, 8]
            """);
        var (code, output, _) = await Run("validate", path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("→ 6 trials", output);
    }

    [Fact]
    public async Task Seeds_on_demand_count_up_to_max_and_name_the_looks()
    {
        var path = Write("""
            name: ok
            tasks: [{ name: s, model: tiny-bert, data: toy-sentiment }]
            presets: [B-FP, B-Ada]
            seeds: { start: 3, max: 9, step: 3 }
            ranks: [4, 8]
            analysis: { sequential: pocock }
            """);
        var (code, output, _) = await Run("validate", path);
        Assert.Equal(ExitCodes.Ok, code);
        // B-FP sweeps two ranks, B-Ada one: 3 trials per seed.
        Assert.Contains("seeds on demand { start: 3, max: 9, step: 3 } (pocock, looks at 3, 6, 9 seeds) → up to 27 trials (first look: 9)", output);
    }
}
