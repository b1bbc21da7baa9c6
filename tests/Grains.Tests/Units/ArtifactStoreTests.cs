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
    public void Deleting_a_key_never_saved_is_no_error_and_adapter_keys_sit_beside_the_checkpoint()
    {
        var store = new LocalDirectoryArtifactStore(_dir.Path);
        store.Delete("exp-2/never/ran/checkpoint"); // a trial cancelled before it started has no directory at all
        var trial = new Sweep.Grains.Trials.TrialArtifacts(store, "exp-2");
        Assert.Null(trial.LoadAdapter("t/B-FP/r8/s1"));
        trial.SaveAdapter("t/B-FP/r8/s1", new Sweep.Training.Peft.PeftAdapterFiles([1, 2, 3], "{\"peft_type\": \"LORA\"}"));
        trial.Save("t/B-FP/r8/s1", [9]);
        trial.DeleteCheckpoint("t/B-FP/r8/s1");

        var adapter = trial.LoadAdapter("t/B-FP/r8/s1");
        Assert.Equal([1, 2, 3], adapter!.Model);
        Assert.Equal("{\"peft_type\": \"LORA\"}", adapter.Config);
        Assert.Null(trial.Load("t/B-FP/r8/s1"));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "exp-2", "t", "B-FP", "r8", "s1", "adapter", "adapter_model.safetensors")));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "exp-2", "t", "B-FP", "r8", "s1", "adapter", "adapter_config.json")));
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
