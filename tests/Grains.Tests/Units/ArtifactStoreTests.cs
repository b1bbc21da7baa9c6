using Sweep.Grains.Artifacts;
using Sweep.Grains.Interfaces;
using Sweep.Settings;

namespace Sweep.Grains.Tests.Units;

[Category(Category.Unit)]
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("artifacts");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Saves_loads_overwrites_and_deletes_by_key()
    {
        var store = new LocalDirectoryArtifactStore(_dir.Path);
        Assert.Null(store.Load("exp-1/sentiment/B-FP/r8/s1/checkpoint"));
        store.Save("exp-1/sentiment/B-FP/r8/s1/checkpoint", [1, 2, 3]);
        store.Save("exp-1/sentiment/B-FP/r8/s1/checkpoint", [4, 5]);
        Assert.Equal([4, 5], store.Load("exp-1/sentiment/B-FP/r8/s1/checkpoint"));
        Assert.Null(store.Load("exp-1/sentiment/B-FP/r8/s2/checkpoint"));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp", SearchOption.AllDirectories));
        store.Delete("exp-1/sentiment/B-FP/r8/s1/checkpoint");
        Assert.Null(store.Load("exp-1/sentiment/B-FP/r8/s1/checkpoint"));
    }

    [Fact]
    public void Keys_cannot_escape_the_root()
    {
        var store = new LocalDirectoryArtifactStore(_dir.Path);
        store.Save("../../etc/x", [9]);
        Assert.Equal([9], store.Load("../../etc/x"));
        Assert.Single(Directory.GetFiles(_dir.Path, "x", SearchOption.AllDirectories));
    }

    [Fact]
    public void Trial_keys_carry_the_placement_need()
    {
        var plan = new TrialPlan { Id = "s/B-FP/r8/s1", Task = "s", Preset = "B-FP", Seed = 1, Placement = new PlacementSpec { Accelerator = "cuda", MinDeviceMemory = 1024 } };
        var (exp, trial, need) = TrialKey.Parse(TrialKey.Format("exp-1", plan));
        Assert.Equal(("exp-1", "s/B-FP/r8/s1", "cuda", 1024L), (exp, trial, need.Accelerator, need.MinDeviceMemory));
        Assert.Throws<FormatException>(() => TrialKey.Parse("just-a-name"));
    }
}
