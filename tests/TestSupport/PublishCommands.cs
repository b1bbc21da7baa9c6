namespace Sweep.TestSupport;

/// <summary>
/// The <c>dotnet publish</c> arguments of the deployable programs, in one place: the worker publish tests run them, and
/// the container images' build files must run the same (checked by the deployment tests).
/// </summary>
public static class PublishCommands
{
    public const string SiloProject = "src/Silo/Sweep.Silo.csproj";
    public const string DashboardProject = "src/Dashboard/Sweep.Dashboard.csproj";

    /// <summary>The MSBuild switch of the CUDA worker build.</summary>
    public const string CudaBackend = "-p:SweepTorchBackend=cuda-12.8-linux-x64";

    /// <summary><c>publish PROJECT -c Release -r RID --self-contained false -o OUTPUT [extra…]</c>; paths relative to the repository root.</summary>
    public static string[] Arguments(string project, string rid, string output, params string[] extra) =>
        ["publish", project, "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output, .. extra];
}
