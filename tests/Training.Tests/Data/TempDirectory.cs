namespace Sweep.Training.Tests.Data;

/// <summary>A temporary directory for files a test writes; deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("sweep-data-").FullName;

    public string Path { get; }

    public string Write(string name, string content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
