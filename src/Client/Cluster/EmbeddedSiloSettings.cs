using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sweep.Grains.Hosting;
using Sweep.Training;

namespace Sweep.Client.Cluster;

/// <summary>
/// The settings of the machine an embedded silo runs on, which a user may set for <c>sweep run</c> as for
/// <c>sweep-silo</c>, with the same environment variables (<c>Sweep__MemoryBudget=6GiB</c>): its memory budget, the
/// memory it advertises, the malloc of its trial processes and their hang timeout. The rest of an embedded silo's
/// options belong to the run (ports, storage, slots) and are not read.
/// </summary>
public static class EmbeddedSiloSettings
{
    public static readonly IReadOnlyList<string> Keys =
    [
        nameof(SweepSiloOptions.MemoryBudget), nameof(SweepSiloOptions.DeviceMemory),
        nameof(SweepSiloOptions.TrialAllocator), nameof(SweepSiloOptions.TrialHangTimeout),
    ];

    /// <summary>Reads the variables <paramref name="environment"/> holds, once, and checks them now: a value that does not
    /// read, or is not valid, is bad input naming the variable's setting. Returns what sets them on a silo's options.</summary>
    public static Action<SweepSiloOptions> Read(Func<string, string?> environment)
    {
        var values = Keys.Select(k => (Key: k, Value: environment($"{SweepSiloOptions.Section}__{k}")))
            .Where(v => v.Value is not null)
            .ToDictionary(v => $"{SweepSiloOptions.Section}:{v.Key}", v => v.Value);
        if (values.Count == 0) return _ => { };
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(SweepSiloOptions.Section);
        try { SweepSiloOptionsValidator.ThrowIfUnreadable(section); }
        catch (OptionsValidationException e) { throw Invalid(e.Failures); }
        var probe = new SweepSiloOptions();
        section.Bind(probe);
        if (new SweepSiloOptionsValidator().Validate(null, probe) is { Failed: true } result) throw Invalid(result.Failures ?? []);
        return section.Bind;
    }

    private static InvalidInputException Invalid(IEnumerable<string> failures) =>
        new($"the embedded silo's settings from the environment: {string.Join("; ", failures)}");
}
