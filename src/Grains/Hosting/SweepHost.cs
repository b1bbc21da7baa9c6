using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sweep.Grains.Telemetry;

namespace Sweep.Grains.Hosting;

/// <summary>
/// A Sweep silo in a generic host, with localhost or Azure Table clustering and its HTTP endpoints (<see cref="SweepHttpServer"/>). Its options come from section <c>Sweep</c> of the configuration
/// (appsettings.json, then environment variables <c>Sweep__Role</c>, …) or from code (the console's embedded silo); they are
/// validated when the host starts, before the silo does. Used by the silo process and by the console.
/// </summary>
public static class SweepHost
{
    /// <summary>Binds <see cref="SweepSiloOptions"/> to section <c>Sweep</c> of <paramref name="configuration"/>, after
    /// <see cref="SweepSiloOptionsValidator.ThrowIfUnreadable"/> has checked its text.</summary>
    public static OptionsBuilder<SweepSiloOptions> AddSweepSiloOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SweepSiloOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweepSiloOptions>, SweepSiloOptionsValidator>());
        return services.AddOptions<SweepSiloOptions>()
            .Configure(_ => SweepSiloOptionsValidator.ThrowIfUnreadable(section))
            .Bind(section)
            .ValidateOnStart();
    }

    /// <summary>A silo whose options are section <c>Sweep</c> of the builder's configuration.</summary>
    public static IHostApplicationBuilder AddSweepSilo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSweepSiloOptions(builder.Configuration);
        builder.Services.AddDrainTime();
        builder.Services.AddSweepHttpEndpoints();
        var clustering = Enum.TryParse<ClusteringKind>(builder.Configuration[$"{SweepSiloOptions.Section}:{nameof(SweepSiloOptions.Clustering)}"]?.Trim(), ignoreCase: true, out var k)
            ? k : ClusteringKind.Localhost; // an unreadable value stops the silo before it starts (validation)
        builder.Services.AddOrleans(silo => silo.UseSweepClustering(clustering).AddSweepSilo());
        return builder;
    }

    /// <summary>A silo whose options are set in code; the configuration is not read.</summary>
    public static IHostApplicationBuilder AddSweepSilo(this IHostApplicationBuilder builder, Action<SweepSiloOptions> configure)
    {
        builder.Services.AddOptions<SweepSiloOptions>().Configure(configure).ValidateOnStart();
        builder.Services.AddDrainTime();
        builder.Services.AddSweepHttpEndpoints();
        var probe = new SweepSiloOptions();
        configure(probe);
        builder.Services.AddOrleans(silo => silo.UseSweepClustering(probe.Clustering).AddSweepSilo());
        return builder;
    }

    /// <summary>Gives the host time to stop: the drain (<see cref="SweepSiloOptions.DrainGrace"/>), then leaving the cluster
    /// (<see cref="SweepSiloOptions.LeaveClusterTime"/>). The default 30 s would cut a drain short and stop the silo ungracefully.</summary>
    private static void AddDrainTime(this IServiceCollection services) =>
        services.AddOptions<HostOptions>().Configure<IOptions<SweepSiloOptions>>((host, options) =>
        {
            SweepSiloOptions o;
            try { o = options.Value; }
            catch (OptionsValidationException) { return; } // the silo does not start; its settings are reported instead
            var needed = o.DrainGrace + SweepSiloOptions.LeaveClusterTime;
            if (host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });

    /// <summary>Reads the options as the silo will: every invalid setting, or none. A host that starts with invalid settings
    /// fails with <see cref="OptionsValidationException"/> anyway; checking first spares the log its stack trace.</summary>
    public static IReadOnlyList<string> InvalidSettings(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<SweepSiloOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
    }
}
