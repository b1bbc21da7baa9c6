namespace Sweep.Deploy.Tests.Support;

/// <summary>Paths in the repository under test, found from the test assembly's folder upwards (the folder holding Sweep.sln).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Sweep.sln above {AppContext.BaseDirectory}");
    }
}
