using System.Text.Json;
using Sweep.Deploy.Tests.Support;

namespace Sweep.Deploy.Tests.Pods;

/// <summary>
/// What a container image gives a pod that runs it, read from the image's Dockerfile (the images are not built here):
/// the entry point, default arguments, environment and working directory of its final stage.
/// </summary>
public sealed record ContainerImage(string Dockerfile, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd,
    IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    /// <summary>The repository's images by name (as the manifests write them, before the overlay's tag) and their Dockerfiles.</summary>
    private static readonly Dictionary<string, string> Dockerfiles = new(StringComparer.Ordinal)
    {
        ["sweep-silo"] = "silo.Dockerfile",
        ["sweep-silo-cuda"] = "silo-cuda.Dockerfile",
        ["sweep-dashboard"] = "dashboard.Dockerfile",
    };

    /// <summary>The image a container names (<c>sweep-silo:dev</c>, <c>registry.example.com/sweep/silo:1.0.0</c> is not ours).</summary>
    public static ContainerImage Of(string image)
    {
        var name = image.Contains(':') ? image[..image.LastIndexOf(':')] : image;
        if (!Dockerfiles.TryGetValue(name, out var file))
            throw new InvalidOperationException($"image {image} is not built from this repository ({string.Join(", ", Dockerfiles.Keys)})");
        var final = Support.Dockerfile.Read(Repository.Path("docker", file)).Final;
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in final.Instructions.Where(i => i.Keyword == "ENV"))
            foreach (var pair in i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                env[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        return new ContainerImage(file, ExecForm(final, "ENTRYPOINT"), ExecForm(final, "CMD"), env,
            final.Instructions.LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments ?? "/");
    }

    /// <summary>An instruction in exec form (<c>["dotnet", "sweep-silo.dll"]</c>); empty when the stage has none.</summary>
    private static string[] ExecForm(Support.Dockerfile.Stage stage, string keyword) =>
        stage.Instructions.LastOrDefault(i => i.Keyword == keyword) is { } i
            ? JsonSerializer.Deserialize<string[]>(i.Arguments) ?? throw new InvalidDataException($"{keyword} {i.Arguments} is not in exec form")
            : [];
}
