using System.Reflection;
using Sweep.Training.Isolation;

namespace Sweep.Grains.Trials.Processes;

/// <summary>
/// How a silo starts a trial process: its own executable with the hidden verb <c>__trial</c>. The silo (<c>sweep-silo</c>)
/// and the console (<c>sweep</c>, whose embedded silo runs <c>sweep run</c>) both answer that verb, so the command works
/// from <c>dotnet run</c>, from a build folder and from a published silo alike. A process whose entry is neither (a test
/// host) uses one of them from its own folder, started by the dotnet host.
/// </summary>
public sealed record TrialChildCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Entry assemblies that answer <see cref="TrialProtocol.Verb"/>.</summary>
    public static readonly string[] Hosts = ["sweep-silo", "sweep"];

    public static TrialChildCommand ForThisProcess()
    {
        var entry = Assembly.GetEntryAssembly();
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("this process has no path to start trial processes from");
        if (entry?.GetName().Name is { } name && Hosts.Contains(name))
        {
            // started as `dotnet sweep-silo.dll`: the host needs the assembly again; an apphost needs nothing
            var viaHost = Path.GetFileNameWithoutExtension(process) == "dotnet";
            return new TrialChildCommand(process, viaHost ? [entry.Location, TrialProtocol.Verb] : [TrialProtocol.Verb]);
        }
        foreach (var host in Hosts)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, host + ".dll");
            if (File.Exists(dll)) return new TrialChildCommand(DotnetHost(process), ["exec", dll, TrialProtocol.Verb]);
        }
        throw new InvalidOperationException(
            $"cannot start trial processes: this process ({entry?.GetName().Name}) is not {string.Join(" or ", Hosts)} and neither "
            + $"{string.Join(" nor ", Hosts.Select(h => h + ".dll"))} is in {AppContext.BaseDirectory}; set Sweep:TrialProcesses=false to train in-process");
    }

    /// <summary>This process's own executable (it must answer <see cref="TrialProtocol.Verb"/>, as the benchmarks do).</summary>
    public static TrialChildCommand Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("this process has no path to start trial processes from");
        var entry = Assembly.GetEntryAssembly() ?? throw new InvalidOperationException("this process has no entry assembly");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? new TrialChildCommand(process, [entry.Location, TrialProtocol.Verb])
            : new TrialChildCommand(process, [TrialProtocol.Verb]);
    }

    /// <summary>The dotnet host: this process when it is one, else the one the SDK names (DOTNET_HOST_PATH), else the one on the PATH.</summary>
    private static string DotnetHost(string process) =>
        Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p
        : "dotnet";
}
