using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweep.Grains.Trials;

namespace Sweep.Grains.Hosting;

/// <summary>
/// A Sweep silo in a generic host: options from section <c>Sweep</c> of the configuration (appsettings.json,
/// then environment variables <c>Sweep__Role</c>, …), validated before anything starts; localhost clustering.
/// Used by the silo process and by the console's embedded silo.
/// </summary>
public static class SweepHost
{
    /// <summary>Reads and validates the options; every problem is listed in the exception.</summary>
    public static SweepSiloOptions ReadOptions(IConfiguration configuration)
    {
        var options = new SweepSiloOptions();
        configuration.GetSection(SweepSiloOptions.Section).Bind(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid configuration:\n  " + string.Join("\n  ", errors));
        return options;
    }

    public static IHostApplicationBuilder AddSweepSilo(this IHostApplicationBuilder builder, SweepSiloOptions options, SimulationLog? log = null)
    {
        builder.Services.AddOrleans(silo => silo.UseSweepClustering(options).AddSweepSilo(options, log));
        return builder;
    }
}
