namespace Sweep.Grains.Tests.Workers;

/// <summary>
/// The libtorch backend a build picks (Directory.Build.props, build/Torch.targets), evaluated by MSBuild with
/// SweepHostRid standing in for the host and RuntimeIdentifier for a publish's -r.
/// </summary>
[Category(Category.Build)]
public class TorchBackendSelectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly string Training = Path.Combine("src", "Training", "Sweep.Training.csproj");

    private static string Backend(params string[] properties)
    {
        var args = new List<string> { "msbuild", Training, "-nologo", "-getProperty:SweepTorchBackend" };
        args.AddRange(properties.Select(p => "-p:" + p));
        var r = DotnetCli.Run(DotnetCli.RepositoryRoot(), Timeout, [.. args]);
        Assert.True(r.ExitCode == 0, r.Output);
        return r.Output.Trim();
    }

    private static DotnetCli.Result Check(params string[] properties)
    {
        var args = new List<string> { "msbuild", Training, "-nologo", "-v:q", "-t:SweepCheckTorchBackend" };
        args.AddRange(properties.Select(p => "-p:" + p));
        return DotnetCli.Run(DotnetCli.RepositoryRoot(), Timeout, [.. args]);
    }

    [Theory]
    [InlineData("osx-arm64", "cpu-osx-arm64")]
    [InlineData("linux-x64", "cpu-linux-x64")]
    public void The_host_picks_the_backend_without_flags(string host, string expected) =>
        Assert.Equal(expected, Backend($"SweepHostRid={host}"));

    [Theory]
    [InlineData("linux-x64", "osx-arm64", "cpu-osx-arm64")]
    [InlineData("osx-arm64", "linux-x64", "cpu-linux-x64")]
    public void A_publish_runtime_identifier_wins_over_the_host(string host, string rid, string expected) =>
        Assert.Equal(expected, Backend($"SweepHostRid={host}", $"RuntimeIdentifier={rid}"));

    [Fact]
    public void An_explicit_backend_wins_over_the_host() =>
        Assert.Equal("cuda-12.8-linux-x64", Backend("SweepHostRid=linux-x64", "SweepTorchBackend=cuda-12.8-linux-x64"));

    [Theory]
    [InlineData("SweepHostRid=osx-arm64")]
    [InlineData("SweepHostRid=linux-x64")]
    [InlineData("SweepHostRid=linux-x64", "SweepTorchBackend=cuda-12.8-linux-x64")]
    [InlineData("SweepHostRid=osx-arm64", "SweepTorchBackend=external")]
    public void Runnable_combinations_pass_the_check(params string[] properties)
    {
        var r = Check(properties);
        Assert.True(r.ExitCode == 0, r.Output);
    }

    [Fact]
    public void Cuda_on_macos_fails_with_a_sentence()
    {
        var r = Check("SweepHostRid=osx-arm64", "SweepTorchBackend=cuda-12.8-linux-x64");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("SweepTorchBackend cuda-12.8-linux-x64 cannot run on osx-arm64: macOS has no CUDA.", r.Output);
    }

    [Fact]
    public void A_backend_for_another_machine_fails_with_a_sentence()
    {
        var r = Check("SweepHostRid=linux-x64", "SweepTorchBackend=cpu-osx-arm64");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("SweepTorchBackend cpu-osx-arm64 is built for osx-arm64, but this build is for linux-x64.", r.Output);
    }

    [Fact]
    public void An_unknown_backend_fails_with_a_sentence()
    {
        var r = Check("SweepTorchBackend=rocm");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("SweepTorchBackend 'rocm' is not a libtorch backend this build knows", r.Output);
    }
}
