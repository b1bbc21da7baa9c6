using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Sweep.Training.Data;

/// <summary>
/// npm packages at exact versions, unpacked once into a cache directory
/// (<c>$SWEEP_CACHE/npm/&lt;name&gt;@&lt;version&gt;</c>, default <c>~/.cache/sweep/npm/…</c>).
/// A fetch runs <c>npm pack</c>, extracts the tarball into a temporary directory and renames it into
/// place, so the cache never holds a half-written package; later uses read the cache without npm.
/// </summary>
public sealed partial class NpmPackageCache
{
    private static readonly ConcurrentDictionary<string, object> Locks = new();
    private readonly string _npm;
    private readonly TimeSpan _timeout;

    public NpmPackageCache(string? root = null, string npmExecutable = "npm", TimeSpan? timeout = null)
    {
        Root = Path.GetFullPath(root ?? DefaultRoot());
        _npm = npmExecutable;
        _timeout = timeout ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>The directory holding one folder per package version.</summary>
    public string Root { get; }

    /// <summary><c>$SWEEP_CACHE/npm</c>, or <c>~/.cache/sweep/npm</c> when the variable is unset.</summary>
    public static string DefaultRoot() => RootFor(
        Environment.GetEnvironmentVariable("SWEEP_CACHE"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The cache root for a given <c>SWEEP_CACHE</c> value and home directory. Pure.</summary>
    public static string RootFor(string? sweepCache, string home) =>
        Path.Combine(string.IsNullOrWhiteSpace(sweepCache) ? Path.Combine(home, ".cache", "sweep") : sweepCache, "npm");

    /// <summary>Where the package's files live once fetched (<c>package/</c> stripped); may not exist yet.</summary>
    public string PackageDirectory(string name, string version)
    {
        Validate(name, version);
        return Path.Combine(Root, $"{name.Replace('/', '+')}@{version}");
    }

    public bool IsCached(string name, string version) => Directory.Exists(PackageDirectory(name, version));

    /// <summary>The package's directory, fetching it with npm first if it is not cached.</summary>
    public string Get(string name, string version)
    {
        string final = PackageDirectory(name, version);
        if (Directory.Exists(final)) return final;
        lock (Locks.GetOrAdd(final, _ => new object()))
        {
            if (Directory.Exists(final)) return final;
            Fetch($"{name}@{version}", final);
            return final;
        }
    }

    private void Fetch(string spec, string final)
    {
        Directory.CreateDirectory(Root);
        string work = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
        string packDir = Path.Combine(work, "pack");
        string extractDir = Path.Combine(work, "files");
        Directory.CreateDirectory(packDir);
        try
        {
            string tgz = Pack(spec, packDir);
            try { TarGzExtractor.Extract(tgz, extractDir); }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
            {
                throw new PackageFetchException($"npm package {spec}: tarball could not be extracted ({e.Message})", e);
            }
            try { Directory.Move(extractDir, final); }
            catch (IOException) when (Directory.Exists(final)) { /* another process finished first: use its copy */ }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private string Pack(string spec, string packDir)
    {
        var start = new ProcessStartInfo(_npm)
        {
            WorkingDirectory = packDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "pack", spec, "--pack-destination", packDir, "--ignore-scripts" })
            start.ArgumentList.Add(arg);

        Process process;
        try { process = Process.Start(start) ?? throw new PackageFetchException($"npm could not be started to fetch {spec}"); }
        catch (Win32Exception e)
        {
            throw new PackageFetchException($"npm not found: install Node.js/npm (apt-get install npm) to fetch {spec}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new PackageFetchException($"npm pack {spec} did not finish within {_timeout.TotalSeconds:0} s");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new PackageFetchException(
                    $"npm pack {spec} failed (exit {process.ExitCode}): {Tail(stderr.Result + stdout.Result)}");
        }

        var tarballs = Directory.GetFiles(packDir, "*.tgz");
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new PackageFetchException($"npm pack {spec} produced {tarballs.Length} tarballs in {packDir}, expected 1");
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 600 ? text : "…" + text[^600..];
    }

    private static void Validate(string name, string version)
    {
        if (!PackageName().IsMatch(name))
            throw new InvalidInputException($"npm package name '{name}' is not a valid package name");
        if (!ExactVersion().IsMatch(version))
            throw new InvalidInputException($"npm package {name}: version '{version}' is not an exact version (x.y.z)");
    }

    [GeneratedRegex(@"^(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();
}
