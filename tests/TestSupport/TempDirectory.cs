namespace Sweep.TestSupport;

/// <summary>
/// A fresh directory under the system temp folder for the files a test writes, named <c>sweep-&lt;purpose&gt;-…</c>;
/// deleted with everything in it on dispose. Tests use this one helper rather than making temp paths themselves.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose = "test") =>
        Path = Directory.CreateTempSubdirectory($"sweep-{purpose}-").FullName;

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> inside this directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file inside this directory and returns its path.</summary>
    public string Write(string name, string content)
    {
        var file = File(name);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a file still open elsewhere; the OS temp cleaner takes it */ }
        catch (UnauthorizedAccessException) { /* the same, for read-only leftovers */ }
    }
}
