using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

/// <summary>Malformed and pathological YAML becomes a spec problem with a line and column, never an exception or a crash.</summary>
[Category(Category.Unit)]
public sealed class SpecLimitsTests
{
    private static SpecProblem Single(string yaml)
    {
        var result = SpecLoader.Load(yaml);
        Assert.Null(result.Spec);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void A_hundred_thousand_nested_lists_stop_at_the_depth_limit_with_the_position()
    {
        var yaml = "name: deep\nseeds: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var problem = Single(yaml);
        Assert.Equal("yaml", problem.Path);
        Assert.Equal($"nested deeper than {YamlLimits.MaxDepth} levels at line 2, column {7 + YamlLimits.MaxDepth} (limit {YamlLimits.MaxDepth})", problem.Message);
    }

    [Fact]
    public void Deep_block_mappings_stop_at_the_depth_limit()
    {
        var lines = Enumerable.Range(0, 200).Select(i => new string(' ', i) + $"k{i}:");
        var problem = Single(string.Join('\n', lines) + " 1\n");
        Assert.Contains($"nested deeper than {YamlLimits.MaxDepth} levels at line {YamlLimits.MaxDepth + 1}, column", problem.Message);
    }

    [Fact]
    public void Nesting_at_the_limit_is_read_as_usual()
    {
        var yaml = "name: deep\nseeds: " + new string('[', YamlLimits.MaxDepth - 1) + "1" + new string(']', YamlLimits.MaxDepth - 1) + "\n";
        var problems = SpecLoader.Load(yaml).Problems;
        Assert.DoesNotContain(problems, p => p.Message.Contains("nested deeper"));
        Assert.Contains(problems, p => p.Path == "seeds[0]");
    }

    [Fact]
    public void A_spec_over_the_size_limit_is_refused_before_parsing()
    {
        var yaml = "name: big\n# " + new string('x', 10 * 1024 * 1024) + "\n";
        var problem = Single(yaml);
        Assert.Equal("spec", problem.Path);
        Assert.Contains("at most 1,048,576 bytes (1 MiB)", problem.Message);
    }

    [Fact]
    public void A_spec_file_over_the_size_limit_is_refused_without_reading_it()
    {
        using var dir = new TempDirectory("spec-limits");
        var path = dir.Write("big.yaml", "name: big\n" + new string('#', 10 * 1024 * 1024));
        var problem = Assert.Single(SpecLoader.LoadFile(path).Problems);
        Assert.Contains($"'{path}' is 10,485,770 bytes", problem.Message);
    }

    [Fact]
    public void A_directory_is_not_a_spec()
    {
        using var dir = new TempDirectory("spec-limits");
        Assert.Contains("is a directory", Assert.Single(SpecLoader.LoadFile(dir.Path).Problems).Message);
    }

    [Theory]
    [InlineData("seeds: [1, 2\nname: x\n")]
    [InlineData("seeds: [1, [2, {a: ]\n")]
    [InlineData("presets: [B-FP, ]]\n")]
    [InlineData("tasks: [{name: t,, model: x}]\n")]
    [InlineData("name: a\nname: b\n")]
    [InlineData("name: *nowhere\n")]
    [InlineData("seeds: [1, 2]]]]\n")]
    [InlineData("{ [a, b]: c, ? : }\n")]
    [InlineData("- a\nb: c\n")]
    [InlineData("name: x\n\tseeds: [1]\n")]
    [InlineData("data: { [x]: y }\ntasks: [{name: t, model: m, data: {[x]: y}}]\n")]
    public void Malformed_yaml_is_one_problem_with_line_and_column(string yaml)
    {
        var problems = SpecLoader.Load(yaml).Problems;
        Assert.NotEmpty(problems);
        Assert.All(problems.Where(p => p.Path == "yaml"), p => Assert.Matches(@"\(line \d+, column \d+\)|at line \d+, column \d+", p.Message));
    }

    [Fact]
    public void A_flow_sequence_the_parser_gives_up_on_is_a_problem_where_it_stopped()
    {
        // YamlDotNet throws InvalidOperationException, not YamlException, for this unclosed list.
        var problem = Single("name: c\npresets: [B-FP, B-Q4\nseeds: [1]\n");
        Assert.Equal("yaml", problem.Path);
        Assert.StartsWith("malformed YAML: the parser could not continue here", problem.Message);
        Assert.EndsWith("(line 2, column 11)", problem.Message); // "B-Q4", the last thing read
    }

    [Fact]
    public void An_alias_without_its_anchor_names_its_position()
    {
        var problem = Single("name: c\nseeds: *s\n");
        Assert.Equal("alias '*s' refers to no anchor '&s' defined before it (line 2, column 8)", problem.Message);
    }

    [Fact]
    public void Values_above_a_bound_name_the_field_and_the_limit()
    {
        var yaml = SpecLoaderTests.Good
            .Replace("ranks: [8]", "ranks: [8, 1000000000]")
            .Replace("lr: 1e-4", "lr: 1e39")
            .Replace("batch_size: 16", "batch_size: 10000000")
            .Replace("concurrency: 2", "concurrency: 100000");
        var problems = SpecLoader.Load(yaml).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains($"ranks[1]: must be <= {SweepFields.MaxRank} (got 1000000000)", problems);
        Assert.Contains("training.lr: must be > 0 and < 1000000 (got 1E+39)", problems);
        Assert.Contains($"training.batch_size: must be <= {TrainingFields.BatchSize.Max} (got 10000000)", problems);
        Assert.Contains($"concurrency: must be <= {SweepFields.Concurrency.Max} (got 100000)", problems);
    }

    [Fact]
    public void Lists_longer_than_their_limit_are_refused_with_the_count()
    {
        var seeds = string.Join(", ", Enumerable.Range(0, SweepFields.MaxSeeds + 1));
        var yaml = SpecLoaderTests.Good.Replace("seeds: [1, 2, 3]", $"seeds: [{seeds}]");
        Assert.Contains($"seeds: lists {SweepFields.MaxSeeds + 1} values; at most {SweepFields.MaxSeeds} are allowed",
            SpecLoader.Load(yaml).Problems.Select(p => p.ToString()));
    }
}
