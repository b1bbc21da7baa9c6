using System.Diagnostics;

namespace Sweep.TestSupport.Components;

/// <summary>
/// Node.js command-line tools that tests run (Azurite, schema checkers), installed once with npm at an exact
/// version into <c>$SWEEP_CACHE/tools/&lt;package&gt;@&lt;version&gt;</c> (default <c>~/.cache/sweep/tools/…</c>).
/// The install goes to a temporary folder that is renamed into place, under a lock file, so test processes
/// running side by side never see a half-installed tool.
/// </summary>
public static class NodeTools
{
    /// <summary>The install folder of <paramref name="package"/>@<paramref name="version"/>, installing it on first use.</summary>
    public static string Ensure(string package, string version)
    {
        var root = Path.Combine(CacheRoot(), "tools");
        var target = Path.Combine(root, $"{package.Replace('/', '+')}@{version}");
        if (File.Exists(Path.Combine(target, ".complete"))) return target;

        Directory.CreateDirectory(root);
        using var gate = Lock(Path.Combine(root, ".install.lock"));
        if (File.Exists(Path.Combine(target, ".complete"))) return target;

        RequireOnPath("node");
        RequireOnPath("npm");
        var staging = Path.Combine(root, $".install-{package.Replace('/', '+')}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var start = new ProcessStartInfo("npm")
            {
                ArgumentList = { "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", staging, $"{package}@{version}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var npm = Process.Start(start)!;
            var stdout = npm.StandardOutput.ReadToEndAsync();
            var stderr = npm.StandardError.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                npm.Kill(entireProcessTree: true);
                throw new ComponentMissingException($"`npm install {package}@{version}` took over 10 minutes; is the npm registry reachable?");
            }
            if (npm.ExitCode != 0)
                throw new ComponentMissingException(
                    $"`npm install {package}@{version}` failed (exit {npm.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}");
            File.WriteAllText(Path.Combine(staging, ".complete"), $"{package}@{version}\n");
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(staging, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The path of an executable the package installed under <c>node_modules/.bin</c>.</summary>
    public static string Bin(string installFolder, string command)
    {
        var path = Path.Combine(installFolder, "node_modules", ".bin", command);
        if (!File.Exists(path))
            throw new ComponentMissingException($"{command} is missing from {installFolder}; delete that folder to reinstall it");
        return path;
    }

    /// <summary>Fails with an install hint when <paramref name="command"/> is not on PATH.</summary>
    public static void RequireOnPath(string command, string? hint = null)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, command)));
        if (!found)
            throw new ComponentMissingException(
                $"`{command}` is not on PATH; {hint ?? "install Node.js and npm (Debian: apt-get install nodejs npm)"}");
    }

    private static string CacheRoot() =>
        Environment.GetEnvironmentVariable("SWEEP_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "sweep");

    private static FileStream Lock(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (DateTime.UtcNow < deadline) { Thread.Sleep(250); }
        }
    }
}
