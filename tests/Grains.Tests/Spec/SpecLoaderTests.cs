using Sweep.Grains.Interfaces;
using Sweep.Grains.Placement;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

[Category(Category.Unit)]
public sealed class SpecLoaderTests
{
    internal const string Good = """
        name: quickstart
        tasks:
          - name: sentiment
            kind: classification
            model: minilm
            data: uci-sentiment
        presets: [B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3]
        seeds: [1, 2, 3]
        ranks: [8]
        training: { lr: 1e-4, batch_size: 16, epochs: 1, warmup_steps: 100, weight_decay: 0.01 }
        overrides: { B-Ada: { lr: 5e-4 } }
        placement: { accelerator: any }
        concurrency: 2
        retries: 2
        checkpoint_every: 50
        analysis: { baseline: B-FP, alpha: 0.05 }
        """;

    private static IReadOnlyList<string> Problems(string yaml) => SpecLoader.Load(yaml).Problems.Select(p => p.ToString()).ToList();

    [Fact]
    public void Keep_checkpoints_is_false_unless_the_spec_says_true_and_anything_else_is_a_problem_naming_the_field()
    {
        Assert.False(SpecLoader.Load(Good).Spec!.KeepCheckpoints);
        Assert.False(SweepFields.KeepCheckpoints.Default);
        Assert.True(SpecLoader.Load(Good + "\nkeep_checkpoints: true").Spec!.KeepCheckpoints);
        Assert.False(SpecLoader.Load(Good + "\nkeep_checkpoints: false").Spec!.KeepCheckpoints);
        var problem = Assert.Single(Problems(Good + "\nkeep_checkpoints: yes"));
        Assert.StartsWith("keep_checkpoints: must be true or false (got 'yes')", problem);
        Assert.Single(Problems(Good + "\nkeep_checkpoints: [true]"), p => p.StartsWith("keep_checkpoints:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_design_sketch_loads_with_every_field()
    {
        var result = SpecLoader.Load(Good);
        Assert.Empty(result.Problems);
        var spec = result.Spec!;
        Assert.Equal("quickstart", spec.Name);
        Assert.Equal("uci-sentiment", Assert.Single(spec.Tasks).Data);
        Assert.Equal(6, spec.Presets.Count);
        Assert.Equal([1, 2, 3], spec.Seeds);
        Assert.Equal(1e-4, spec.Training.LearningRate);
        Assert.Equal(16, spec.Training.BatchSize);
        Assert.Equal(5e-4, spec.Overrides["B-Ada"].LearningRate);
        Assert.Equal(50, spec.CheckpointEvery);
    }

    [Fact]
    public void Yaml_syntax_error_names_line_and_column()
    {
        var p = Assert.Single(Problems("name: x\ntasks: [\n  - a: b\nseeds: [1"));
        Assert.StartsWith("yaml: ", p);
        Assert.Matches(@"\(line \d+, column \d+\)", p);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_field_path()
    {
        var problems = Problems("""
            name: bad
            tasks:
              - name: t
                model: bert-base-uncased
                data: { sst2: }
            presets: [B-FP, B-Q4, B-Foo]
            seeds: []
            ranks: [8, -4]
            placement: { accelerator: tpu }
            concurrency: 0
            """);
        Assert.Contains("tasks[0].data: sst2 needs a dataset path (sst2: PATH)", problems);
        Assert.Contains("presets[2]: unknown preset 'B-Foo' (known: B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3)", problems);
        Assert.Contains("seeds: must not be empty", problems);
        Assert.Contains("ranks[1]: must be > 0 (got -4)", problems);
        Assert.Contains("placement.accelerator: 'tpu' is not one of cuda, mps, cpu, any", problems);
        Assert.Contains("concurrency: must be > 0 (got 0)", problems);
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void Dataset_path_may_be_given_inline_or_as_mapping()
    {
        var inline = SpecLoader.Load(Good.Replace("data: uci-sentiment", "data: \"sst2:/data/SST-2\""));
        var mapping = SpecLoader.Load(Good.Replace("data: uci-sentiment", "data: { sst2: /data/SST-2 }"));
        Assert.Equal("sst2:/data/SST-2", inline.Spec!.Tasks[0].Data);
        Assert.Equal("sst2:/data/SST-2", mapping.Spec!.Tasks[0].Data);
        Assert.Contains("tasks[0].data: sst2 needs a dataset path (sst2: PATH)", Problems(Good.Replace("data: uci-sentiment", "data: sst2")));
    }

    [Fact]
    public void Missing_required_fields_and_unknown_fields_are_named()
    {
        var problems = Problems("tasks:\n  - { name: t, model: minilm }\nsedes: [1]\npresets: [B-FP]\n");
        Assert.Contains("name: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("tasks[0].data: is required"));
        Assert.Contains(problems, p => p.StartsWith("seeds: is required"));
        Assert.Contains(problems, p => p.StartsWith("sedes: unknown field (line 3, column 1)"));
    }

    [Fact]
    public void Type_errors_name_the_element_and_line()
    {
        var problems = Problems(Good.Replace("seeds: [1, 2, 3]", "seeds: [1, two, 3]").Replace("lr: 1e-4", "lr: fast"));
        Assert.Contains("seeds[1]: 'two' is not an integer (line 8, column 12)", problems);
        Assert.Contains(problems, p => p.StartsWith("training.lr: 'fast' is not a number"));
    }

    [Fact]
    public void Cross_field_problems_are_found()
    {
        var problems = Problems(Good
            .Replace("baseline: B-FP", "baseline: Joint-9")
            .Replace("overrides: { B-Ada: { lr: 5e-4 } }", "overrides: { B-Foo: { lr: 5e-4 } }")
            .Replace("kind: classification", "kind: language-modelling"));
        Assert.Contains("analysis.baseline: 'Joint-9' is not one of the swept presets (B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3)", problems);
        Assert.Contains("overrides.B-Foo: unknown preset 'B-Foo' (known: B-FP, B-Q4, B-Ada, Joint-1, Joint-2, Joint-3)", problems);
        Assert.Contains("tasks[0].kind: 'language-modelling' does not fit data 'uci-sentiment', which is for classification", problems);
    }

    [Fact]
    public void Accelerator_nobody_has_is_reported_against_a_cluster()
    {
        var spec = SpecLoader.Load(Good.Replace("accelerator: any", "accelerator: cuda")).Spec!;
        var cpuOnly = new[] { new WorkerInfo("s1", "cpu", 8L << 30, 2), new WorkerInfo("s2", "cpu", 8L << 30, 2) };
        Assert.Equal("placement.accelerator: nobody has 'cuda' (cluster has: cpu×2)", Assert.Single(ClusterCheck.Check(spec, cpuOnly)).ToString());
        Assert.Empty(ClusterCheck.Check(spec, [.. cpuOnly, new WorkerInfo("g", "cuda", 16L << 30, 1)]));

        var big = spec with { Placement = new PlacementSpec { Accelerator = "cuda", MinDeviceMemory = 40L << 30 } };
        Assert.Equal("placement.min_device_memory: no 'cuda' silo has 40GiB (largest: 16GiB)",
            Assert.Single(ClusterCheck.Check(big, [new WorkerInfo("g", "cuda", 16L << 30, 1)])).ToString());
    }

    [Fact]
    public void Memory_sizes_parse_with_units()
    {
        Assert.Equal(8L << 30, ByteSize.TryParse("8GiB"));
        Assert.Equal(512L << 20, ByteSize.TryParse("512 MiB"));
        Assert.Equal(2_000_000_000L, ByteSize.TryParse("2GB"));
        Assert.Equal(1234L, ByteSize.TryParse("1234"));
        Assert.Null(ByteSize.TryParse("lots"));
    }
}
