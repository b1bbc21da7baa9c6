using Sweep.Client.Cli;

namespace Sweep.Client.Tests.Commands;

/// <summary>The console's contract with the parser: exit 2 for every kind of bad command line, generated help with typed defaults.</summary>
[Category(Category.Unit)]
public sealed class ConsoleParsingTests
{
    [Fact]
    public async Task Unknown_option_is_exit_2_naming_it()
    {
        var (code, _, err) = await ConsoleRunner.Run("validate", "x.yaml", "--colour", "red");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("unknown option '--colour'", err);
    }

    [Fact]
    public async Task Unknown_verb_is_exit_2_naming_it()
    {
        var (code, _, err) = await ConsoleRunner.Run("frobnicate");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'frobnicate'", err);
    }

    [Fact]
    public async Task No_verb_is_exit_2_with_the_verbs_on_stderr()
    {
        var (code, _, err) = await ConsoleRunner.Run();
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("analyze", err);
    }

    [Theory]
    [InlineData(new[] { "--lr", "-1" }, "--lr: must be > 0 and < 1000000 (got -1)")]
    [InlineData(new[] { "--lr", "abc" }, "--lr: 'abc' is not a number")]
    [InlineData(new[] { "--seed=1.5" }, "--seed: '1.5' is not an integer")]
    [InlineData(new[] { "--warmup", "-3" }, "--warmup: must be >= 0 (got -3)")]
    [InlineData(new[] { "--kind", "vision" }, "--kind: 'vision' is not a task kind")]
    [InlineData(new[] { "--max-steps" }, "--max-steps: needs a value")]
    public async Task Bad_train_values_are_exit_2_naming_the_option(string[] extra, string message)
    {
        var (code, _, err) = await ConsoleRunner.Run(["train", "--model", "tiny-bert", "--preset", "B-FP", .. extra]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, err);
        Assert.DoesNotContain("   at ", err); // no stack trace
    }

    [Fact]
    public async Task Missing_required_option_or_argument_is_exit_2_naming_it()
    {
        var (code, _, err) = await ConsoleRunner.Run("train", "--model", "tiny-bert");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("preset", err);
        (code, _, err) = await ConsoleRunner.Run("status");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("ID", err);
    }

    [Fact]
    public async Task Malformed_cluster_address_is_exit_2_before_connecting()
    {
        var (code, _, err) = await ConsoleRunner.Run("status", "some-id", "--cluster", "nohost");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--cluster: 'nohost' is not host:port", err);
    }

    [Fact]
    public async Task Simulate_with_a_cluster_is_exit_2()
    {
        var (code, _, err) = await ConsoleRunner.Run("run", "s.yaml", "--simulate", "--cluster", "localhost:1");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--simulate", err);
    }

    [Fact]
    public async Task Verb_help_is_exit_0_listing_its_options_on_stdout()
    {
        var (code, output, _) = await ConsoleRunner.Run("analyze", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--baseline", "--alpha", "--json", "--out", "TRIALS.csv" }) Assert.Contains(option, output);
    }

    [Fact]
    public async Task Help_shows_typed_defaults()
    {
        var (code, output, _) = await ConsoleRunner.Run("train", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"--epochs <E>\s+3\s", output);
        Assert.Matches(@"--device <D>\s+auto\s", output);
        (_, output, _) = await ConsoleRunner.Run("status", "--help");
        Assert.Matches(@"--cluster <HOST:PORT>\s+localhost:30000\s", output);
    }

    [Fact]
    public async Task Top_level_help_lists_every_verb()
    {
        var (code, output, _) = await ConsoleRunner.Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var verb in new[] { "run", "submit", "watch", "status", "results", "cancel", "list", "validate", "inspect", "train", "pretrain", "analyze", "simulate-design" })
            Assert.Matches($@"(?m)^\s+{verb}\b", output);
    }
}
