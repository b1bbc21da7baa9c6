using System.Text.RegularExpressions;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests;

/// <summary>
/// The container images cannot be built here (no container runtime or base images), so their build files are checked:
/// each publishes with exactly the arguments the publish tests run (<see cref="PublishCommands"/>), builds in an SDK
/// stage and runs on a runtime-only Ubuntu 24.04 image as a non-root user, and bakes in the data packages at the
/// versions the training core asks for.
/// </summary>
[Category(Category.Deploy)]
public sealed partial class ImageTests
{
    public static readonly TheoryData<string, string, string[]> Images = new()
    {
        { "silo.Dockerfile", PublishCommands.SiloProject, [] },
        { "silo-cuda.Dockerfile", PublishCommands.SiloProject, [PublishCommands.CudaBackend] },
        { "dashboard.Dockerfile", PublishCommands.DashboardProject, [] },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void The_image_publishes_as_the_publish_tests_do(string file, string project, string[] extra)
    {
        var docker = Dockerfile.Read(Repository.Path("docker", file));
        var publish = Assert.Single(docker.DotnetRuns());
        var output = publish[Array.IndexOf(publish, "-o") + 1];
        Assert.Equal(PublishCommands.Arguments(project, "linux-x64", output, extra), publish);

        var build = docker.Stages.Single(s => s.Instructions.Any(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal)));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.Contains(docker.Final.Instructions, i => i.Keyword == "COPY" && i.Arguments == $"--from={build.Name} {output} {output}");

        var entry = docker.Final.Instructions.Single(i => i.Keyword == "ENTRYPOINT").Arguments;
        var assembly = AssemblyName().Match(File.ReadAllText(Repository.Path(project))) is { Success: true } m
            ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(project);
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", entry);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void The_final_image_has_no_sdk_runs_as_non_root_on_ubuntu_24_04(string file, string project, string[] extra)
    {
        _ = (project, extra);
        var docker = Dockerfile.Read(Repository.Path("docker", file));
        Assert.True(docker.Stages.Count >= 2, $"{file}: not multi-stage");
        var final = docker.Final;
        Assert.DoesNotContain("/sdk:", final.Image);
        Assert.True(final.Image.EndsWith("-noble", StringComparison.Ordinal) || final.Image.EndsWith("-ubuntu24.04", StringComparison.Ordinal),
            $"{file}: final base {final.Image} is not Ubuntu 24.04 (its libstdc++ has GLIBCXX_3.4.32; Debian 12's does not)");
        var user = final.Instructions.Last(i => i.Keyword == "USER").Arguments;
        Assert.True(user is not ("root" or "0") && !user.StartsWith("0:", StringComparison.Ordinal), $"{file}: runs as {user}");
        // the user the pods' securityContext names
        Assert.Equal("1654", user);
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("silo-cuda.Dockerfile")]
    public void The_silo_images_carry_the_data_packages_the_training_core_reads(string file)
    {
        var expected = new[]
        {
            Package("src/Training/Data/Sources/UciSentimentSource.cs", "Package", "Version"),
            Package("src/Training/Data/Sources/StdlibCorpusSource.cs", "SotuPackage", "Version"),
            Package("src/Training/Data/Sources/StdlibCorpusSource.cs", "MobyDickPackage", "Version"),
        };
        var docker = Dockerfile.Read(Repository.Path("docker", file));
        var fetch = docker.Stages.SelectMany(s => s.Instructions).Single(i => i.Keyword == "RUN" && i.Arguments.Contains("npm pack", StringComparison.Ordinal));
        var packed = Regex.Match(fetch.Arguments, @"for spec in ([^;]+);").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Order(), packed.Order());
        Assert.Contains(docker.Final.Instructions, i => i.Keyword == "ENV" && i.Arguments.Contains("SWEEP_CACHE=/opt/sweep/cache", StringComparison.Ordinal));
    }

    /// <summary>"name@version" from the constants of a source file of the training core.</summary>
    private static string Package(string source, string nameConstant, string versionConstant)
    {
        var text = File.ReadAllText(Repository.Path(source.Split('/')));
        string Constant(string name) => Regex.Match(text, $@"const string {name} = ""([^""]+)""") is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidDataException($"{source}: no constant {name}");
        return $"{Constant(nameConstant)}@{Constant(versionConstant)}";
    }

    [GeneratedRegex(@"<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
