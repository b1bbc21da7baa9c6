using Sweep.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Spec;

/// <summary>
/// Reads a sweep spec from YAML and checks it, reporting every problem with its field path
/// (<c>tasks[0].data: …</c>, <c>presets[2]: unknown preset …</c>, <c>yaml: … (line 3, column 7)</c>). Pure: no I/O but <see cref="LoadFile"/>.
/// </summary>
public static class SpecLoader
{
    private static readonly string[] TopLevel =
        ["name", "tasks", "presets", "seeds", "ranks", "training", "overrides", "placement", "concurrency", "retries", "checkpoint_every", "analysis", "threads_per_trial", "adapter", SweepFields.KeepCheckpoints.Key];

    public static SpecLoadResult LoadFile(string path)
    {
        if (Directory.Exists(path)) return Fail("spec", $"'{path}' is a directory, not a spec file");
        if (!File.Exists(path)) return Fail("spec", $"file '{path}' does not exist");
        string yaml;
        try
        {
            var size = new FileInfo(path).Length;
            if (size > YamlLimits.MaxBytes) return Fail("spec", $"'{path}' {YamlLimits.TooLarge(size)}");
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail("spec", $"'{path}' cannot be read: {e.Message}");
        }
        return Load(yaml);
    }

    /// <summary>
    /// Reads <paramref name="yaml"/>: a spec, or every problem found. Never throws for any input: syntax errors and the
    /// size and nesting limits of <see cref="YamlLimits"/> are problems with their line and column.
    /// </summary>
    public static SpecLoadResult Load(string yaml)
    {
        if (YamlLimits.Check(yaml) is { } limit) return new SpecLoadResult(null, [limit]);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new SpecLoadResult(null, [YamlLimits.Syntax(e.InnerException?.Message ?? e.Message, e.Start)]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // The parse above succeeded, so this is the tree builder's (e.g. a key given twice); it names no position.
            return new SpecLoadResult(null, [YamlLimits.Syntax(e.Message, Mark.Empty)]);
        }
        if (stream.Documents.Count == 0) return Fail("spec", "is empty");
        if (stream.Documents[0].RootNode is not YamlMappingNode root) return Fail("spec", "must be a mapping with name, tasks, presets, seeds, …");

        var problems = new List<SpecProblem>();
        var f = new YamlFields(problems);
        f.CheckKeys(root, "", TopLevel);

        var name = f.RequiredString(root, "name", "");
        if (name is not null && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            f.Problem("name", $"'{name}' may only contain letters, digits, '-', '_' and '.'");

        var tasks = TaskReader.ReadTasks(f, f.Get(root, "tasks"));
        var presets = ReadPresets(f, f.Get(root, "presets"));
        var seedsNode = f.Get(root, "seeds");
        var seedPlan = seedsNode is YamlMappingNode ? SeedPlanReader.Read(f, seedsNode) : null;
        var seeds = seedsNode is YamlMappingNode ? seedPlan?.Seeds().ToList() ?? [] : ReadSeeds(f, seedsNode);
        var ranksNode = f.Get(root, "ranks");
        var ranks = ranksNode is null ? [SweepFields.Rank.Value] : f.List(ranksNode, "ranks", (n, p) => f.Int(n, p, SweepFields.Rank), SweepFields.MaxRanks);
        if (ranksNode is not null && ranksNode is YamlSequenceNode { Children.Count: 0 }) f.Problem("ranks", $"must not be empty (leave it out for [{SweepFields.Rank.Value}])");
        ReportDuplicates(f, "ranks", ranks);

        var training = TrainingReader.Read(f, f.Get(root, "training"), "training");
        var overrides = TrainingReader.ReadOverrides(f, f.Get(root, "overrides"), presets);
        var placement = ReadPlacement(f, f.Get(root, "placement"));
        var concurrency = Scalar(f, root, SweepFields.Concurrency) ?? SweepFields.Concurrency.Value;
        var retries = Scalar(f, root, SweepFields.Retries) ?? SweepFields.Retries.Value;
        var checkpointEvery = Scalar(f, root, SweepFields.CheckpointEvery) ?? SweepFields.CheckpointEvery.Value;
        var keepCheckpoints = f.Bool(f.Get(root, SweepFields.KeepCheckpoints.Key), SweepFields.KeepCheckpoints.Key) ?? SweepFields.KeepCheckpoints.Default;
        var threads = Scalar(f, root, SweepFields.ThreadsPerTrial);
        var analysis = ReadAnalysis(f, f.Get(root, "analysis"), presets, seedsNode is YamlMappingNode);
        var adapter = AdapterReader.Read(f, f.Get(root, "adapter"));

        if (problems.Count > 0 || name is null) return new SpecLoadResult(null, problems);
        return new SpecLoadResult(new SweepSpec
        {
            Name = name, Tasks = tasks, Presets = presets, Seeds = seeds, Ranks = ranks, Training = training, Overrides = overrides,
            Placement = placement, Concurrency = concurrency, Retries = retries, CheckpointEvery = checkpointEvery,
            Analysis = analysis, ThreadsPerTrial = threads, Adapter = adapter, KeepCheckpoints = keepCheckpoints, SeedPlan = seedPlan,
        }, problems);
    }

    private static List<string> ReadPresets(YamlFields f, YamlNode? node)
    {
        if (node is null) { f.Problem("presets", $"is required (known: {Presets.KnownList})"); return []; }
        var presets = new List<string>();
        var seq = f.Sequence(node, "presets");
        if (seq is null) return presets;
        if (seq.Children.Count == 0) f.Problem("presets", "must not be empty");
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var p = f.String(seq.Children[i], $"presets[{i}]");
            if (p is null) continue;
            if (!Presets.IsKnown(p)) f.Problem($"presets[{i}]", Presets.Unknown(p));
            else if (presets.Contains(p)) f.Problem($"presets[{i}]", $"'{p}' is listed twice");
            else presets.Add(p);
        }
        return presets;
    }

    private static List<int> ReadSeeds(YamlFields f, YamlNode? node)
    {
        if (node is null) { f.Problem("seeds", "is required (e.g. [1, 2, 3], or { start: 3, max: 12, step: 3 } for seeds on demand)"); return []; }
        if (node is YamlSequenceNode { Children.Count: 0 }) { f.Problem("seeds", "must not be empty"); return []; }
        var seeds = f.List(node, "seeds", (n, p) => f.Int(n, p, SweepFields.Seed), SweepFields.MaxSeeds);
        ReportDuplicates(f, "seeds", seeds);
        return seeds;
    }

    private static PlacementSpec ReadPlacement(YamlFields f, YamlNode? node)
    {
        var map = f.Mapping(node, "placement");
        if (map is null) return new PlacementSpec();
        f.CheckKeys(map, "placement", ["accelerator", "min_device_memory"]);
        var accel = f.String(f.Get(map, "accelerator"), "placement.accelerator") ?? Accelerators.Any;
        if (accel != Accelerators.Any && !Accelerators.IsKind(accel))
            f.Problem("placement.accelerator", $"'{accel}' is not one of cuda, mps, cpu, any");
        var memory = f.Bytes(f.Get(map, "min_device_memory"), "placement.min_device_memory") ?? 0;
        return new PlacementSpec { Accelerator = accel, MinDeviceMemory = memory };
    }

    private static AnalysisSpec ReadAnalysis(YamlFields f, YamlNode? node, IReadOnlyList<string> presets, bool seedPlan)
    {
        var map = f.Mapping(node, "analysis");
        // Seeds on demand stop comparisons with O'Brien–Fleming-type boundaries unless the spec says otherwise.
        var sequentialDefault = seedPlan ? SequentialMethods.OBrienFleming : SequentialMethods.None;
        if (map is null)
        {
            var fallback = new AnalysisSpec { Sequential = sequentialDefault };
            return presets.Count == 0 || presets.Contains(fallback.Baseline) ? fallback : fallback with { Baseline = presets[0] };
        }
        f.CheckKeys(map, "analysis", ["baseline", "alpha", "sequential", "equivalence_margin"]);
        var baseline = f.String(f.Get(map, "baseline"), "analysis.baseline") ?? new AnalysisSpec().Baseline;
        if (presets.Count > 0 && !presets.Contains(baseline))
            f.Problem("analysis.baseline", $"'{baseline}' is not one of the swept presets ({string.Join(", ", presets)})");
        var alpha = f.Real(f.Get(map, "alpha"), "analysis.alpha", SweepFields.AnalysisAlpha) ?? SweepFields.AnalysisAlpha.Value;
        var sequential = f.String(f.Get(map, "sequential"), "analysis.sequential");
        if (sequential is not null && !SequentialMethods.IsKnown(sequential))
            f.Problem("analysis.sequential", $"'{sequential}' is not one of {string.Join(", ", SequentialMethods.All)}");
        else if (sequential is not null && sequential != SequentialMethods.None && !seedPlan)
            f.Problem("analysis.sequential", $"'{sequential}' needs seeds on demand: write seeds as {{ start: 3, max: 12, step: 3 }} instead of a list");
        var marginNode = f.Get(map, "equivalence_margin");
        var margin = f.Real(marginNode, "analysis.equivalence_margin", SweepFields.EquivalenceMargin);
        if (marginNode is not null && !seedPlan)
            f.Problem("analysis.equivalence_margin", "applies to seeds on demand only: write seeds as { start: 3, max: 12, step: 3 } instead of a list");
        return new AnalysisSpec
        {
            Baseline = baseline, Alpha = alpha, Sequential = sequential ?? sequentialDefault, EquivalenceMargin = margin,
        };
    }

    private static int? Scalar(YamlFields f, YamlMappingNode root, IntBound field) => f.Int(f.Get(root, field.Key), field.Key, field);

    private static void ReportDuplicates(YamlFields f, string path, List<int> values)
    {
        foreach (var dup in values.GroupBy(v => v).Where(g => g.Count() > 1))
            f.Problem(path, $"{dup.Key} is listed twice");
    }

    private static SpecLoadResult Fail(string path, string message) => new(null, [new SpecProblem(path, message)]);
}
