using Microsoft.Extensions.Logging;

namespace Sweep.Grains.Trials.Processes;

/// <summary>The allocator a silo's trial processes run with: a name for logs and results, and the library preloaded
/// into each trial process for it (null: the C library's own malloc).</summary>
public sealed record TrialAllocator(string Name, string? Preload)
{
    public const string Auto = "auto", System = "system", Jemalloc = "jemalloc";

    /// <summary>The C library's malloc, preloading nothing.</summary>
    public static readonly TrialAllocator SystemMalloc = new(System, null);

    /// <summary>Where Debian, Ubuntu and Fedora install jemalloc's shared library, per architecture.</summary>
    public static readonly IReadOnlyList<string> JemallocPaths =
    [
        "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2", "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
        "/usr/lib64/libjemalloc.so.2", "/usr/lib/libjemalloc.so.2", "/usr/local/lib/libjemalloc.so.2",
    ];

    /// <summary>
    /// Reads the <c>Sweep:TrialAllocator</c> setting: <c>system</c> (also when unset), <c>jemalloc</c> (its library must be
    /// installed), <c>auto</c> (jemalloc where its library is installed on Linux, else the system's), or the absolute path
    /// of an allocator library to preload. Returns null with <paramref name="error"/> set when the setting cannot be honoured.
    /// </summary>
    /// <param name="exists">whether a file exists (a parameter so that the choice is testable without installing anything).</param>
    /// <param name="linux">whether trial processes are Linux processes (preloading is an <c>LD_PRELOAD</c>).</param>
    public static TrialAllocator? Resolve(string? setting, Func<string, bool> exists, bool linux, out string? error)
    {
        error = null;
        var value = string.IsNullOrWhiteSpace(setting) ? System : setting.Trim();
        var jemalloc = linux ? JemallocPaths.FirstOrDefault(exists) : null;
        if (value.Equals(Auto, StringComparison.OrdinalIgnoreCase))
            return jemalloc is null ? SystemMalloc : new TrialAllocator(Jemalloc, jemalloc);
        if (value.Equals(System, StringComparison.OrdinalIgnoreCase)) return SystemMalloc;
        if (!linux)
        {
            error = $"'{value}' needs Linux (the library is preloaded with LD_PRELOAD); use '{Auto}' or '{System}' here";
            return null;
        }
        if (value.Equals(Jemalloc, StringComparison.OrdinalIgnoreCase))
        {
            if (jemalloc is not null) return new TrialAllocator(Jemalloc, jemalloc);
            error = $"jemalloc is not installed (looked for {string.Join(", ", JemallocPaths)}; Debian and Ubuntu: apt-get install libjemalloc2)";
            return null;
        }
        if (!Path.IsPathFullyQualified(value))
        {
            error = $"'{value}' is not one of {Auto}, {System}, {Jemalloc}, nor the absolute path of an allocator library";
            return null;
        }
        if (!exists(value))
        {
            error = $"no file at '{value}'";
            return null;
        }
        return new TrialAllocator(Path.GetFileName(value), value);
    }

    /// <summary>The setting as the silo's processes use it: this machine's files, this operating system.</summary>
    public static TrialAllocator? Resolve(string? setting, out string? error) => Resolve(setting, File.Exists, OperatingSystem.IsLinux(), out error);

    /// <summary>The allocator a silo's trial processes use (the setting was validated when the silo started), logged once.</summary>
    public static TrialAllocator? Chosen(string? setting, ILogger logger)
    {
        var allocator = Resolve(setting, out _);
        if (allocator is not null)
            logger.LogInformation("trial processes allocate with {Allocator}{Preload}", allocator.Name, allocator.Preload is { } p ? $" (preloading {p})" : "");
        return allocator;
    }

    /// <summary>The <c>LD_PRELOAD</c> value of a trial process: the allocator's library first, then what the silo's own
    /// environment preloads (<paramref name="inherited"/>).</summary>
    public string? PreloadList(string? inherited) =>
        Preload is null ? inherited : string.IsNullOrWhiteSpace(inherited) ? Preload : $"{Preload}:{inherited}";
}
