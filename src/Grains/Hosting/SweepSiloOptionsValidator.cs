using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Spec;

namespace Sweep.Grains.Hosting;

/// <summary>
/// The one place that judges silo settings; every message names the setting as users write it (<c>Sweep:Slots: …</c>).
/// <see cref="Validate"/> checks values (the options pattern runs it when the silo starts); <see cref="ThrowIfUnreadable"/>
/// checks the configuration text before it is bound, so that every unknown key and every value that does not read as its
/// type is listed at once (the binder stops at the first, with a type name instead of the choices).
/// </summary>
public sealed class SweepSiloOptionsValidator : IValidateOptions<SweepSiloOptions>
{
    private const string S = SweepSiloOptions.Section;

    /// <summary>Settings renamed when durations became TimeSpans: old key → new key.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SimulatedStepMilliseconds"] = nameof(SweepSiloOptions.SimulatedStep),
        ["RetryBaseSeconds"] = nameof(SweepSiloOptions.RetryBase),
        ["RetryMaxSeconds"] = nameof(SweepSiloOptions.RetryMax),
        ["PumpIntervalSeconds"] = nameof(SweepSiloOptions.PumpInterval),
        ["ProgressIntervalSeconds"] = nameof(SweepSiloOptions.ProgressInterval),
        ["StateSaveSeconds"] = nameof(SweepSiloOptions.StateSaveInterval),
    };

    public ValidateOptionsResult Validate(string? name, SweepSiloOptions o)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(o.Role)) errors.Add(NotOneOf(nameof(o.Role), o.Role, typeof(SiloRole)));
        if (!Enum.IsDefined(o.Accelerator)) errors.Add(NotOneOf(nameof(o.Accelerator), o.Accelerator, typeof(AcceleratorChoice)));
        if (!Enum.IsDefined(o.Storage)) errors.Add(NotOneOf(nameof(o.Storage), o.Storage, typeof(GrainStorageKind)));
        if (!Enum.IsDefined(o.Executor)) errors.Add(NotOneOf(nameof(o.Executor), o.Executor, typeof(TrialExecutorKind)));
        if (!string.IsNullOrEmpty(o.DeviceMemory) && ByteSize.TryParse(o.DeviceMemory) is null)
            errors.Add($"{S}:DeviceMemory: '{o.DeviceMemory}' is not a size (e.g. 16GiB)");
        if (!string.IsNullOrEmpty(o.MemoryBudget) && ByteSize.TryParse(o.MemoryBudget) is not > 0)
            errors.Add($"{S}:MemoryBudget: '{o.MemoryBudget}' is not a positive size (e.g. 12GiB)");
        if (o.Slots is < 0) errors.Add($"{S}:Slots: must be >= 0 (got {o.Slots})");
        if (string.IsNullOrWhiteSpace(o.DataPath)) errors.Add($"{S}:DataPath: must not be empty");
        if (o.SimulatedStep < TimeSpan.Zero) errors.Add($"{S}:SimulatedStep: must be >= 00:00:00 (got {o.SimulatedStep})");
        if (o.SimulatedSteps < 1) errors.Add($"{S}:SimulatedSteps: must be > 0 (got {o.SimulatedSteps})");
        if (o.TrialProcesses && o.Executor == TrialExecutorKind.Training && TrialAllocator.Resolve(o.TrialAllocator, out var why) is null)
            errors.Add($"{S}:TrialAllocator: {why}");
        if (o.TrialHangTimeout <= TimeSpan.Zero) errors.Add($"{S}:TrialHangTimeout: must be > 00:00:00 (got {o.TrialHangTimeout})");
        if (o.RetryBase < TimeSpan.Zero) errors.Add($"{S}:RetryBase: must be >= 00:00:00 (got {o.RetryBase})");
        if (o.RetryMax < o.RetryBase) errors.Add($"{S}:RetryMax: must be >= {S}:RetryBase ({o.RetryBase}; got {o.RetryMax})");
        if (o.PumpInterval <= TimeSpan.Zero) errors.Add($"{S}:PumpInterval: must be > 00:00:00 (got {o.PumpInterval})");
        if (o.ProgressInterval <= TimeSpan.Zero) errors.Add($"{S}:ProgressInterval: must be > 00:00:00 (got {o.ProgressInterval})");
        if (o.StateSaveInterval < TimeSpan.Zero) errors.Add($"{S}:StateSaveInterval: must be >= 00:00:00 (got {o.StateSaveInterval})");
        if (o.DrainGrace < TimeSpan.Zero || o.DrainGrace > SweepSiloOptions.MaxDrainGrace)
            errors.Add($"{S}:DrainGrace: must be between 00:00:00 and {SweepSiloOptions.MaxDrainGrace:hh\\:mm\\:ss}, the time running trials get to checkpoint when the silo stops (got {o.DrainGrace})");
        if (o.SiloPort is < 1 or > 65535) errors.Add($"{S}:SiloPort: {o.SiloPort} is not a port");
        if (o.GatewayPort is < 0 or > 65535) errors.Add($"{S}:GatewayPort: {o.GatewayPort} is not a port");
        if (o.HttpPort is < 0 or > 65535) errors.Add($"{S}:HttpPort: {o.HttpPort} is not a port (0 turns the HTTP endpoints off)");
        if (!string.IsNullOrEmpty(o.Primary) && ParseEndpoint(o.Primary) is null) errors.Add($"{S}:Primary: '{o.Primary}' is not host:port");
        if (!Enum.IsDefined(o.Clustering)) errors.Add(NotOneOf(nameof(o.Clustering), o.Clustering, typeof(ClusteringKind)));
        if (!string.IsNullOrWhiteSpace(o.AdvertisedAddress) && !IPAddress.TryParse(o.AdvertisedAddress.Trim(), out _))
            errors.Add($"{S}:AdvertisedAddress: '{o.AdvertisedAddress}' is not an IP address (e.g. 10.0.0.5)");
        if (o.Clustering == ClusteringKind.Azure && !string.IsNullOrEmpty(o.Primary))
            errors.Add($"{S}:Primary: only for localhost clustering (with {S}:Clustering=azure silos find each other in the membership table)");
        foreach (var kind in (o.ScaledFromZero ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (!Accelerators.IsKind(kind.ToLowerInvariant()))
                errors.Add($"{S}:ScaledFromZero: '{kind}' is not one of {string.Join(", ", Accelerators.Kinds)}");
        errors.AddRange(AzureSettings.Problems(o));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every key of <paramref name="section"/> that is not a
    /// setting and every value that does not read as its setting's type.</summary>
    public static void ThrowIfUnreadable(IConfigurationSection section)
    {
        var errors = section.GetChildren().Select(Unreadable).OfType<string>().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(SweepSiloOptions), errors);
    }

    /// <summary>The worker kinds of a comma-separated list (<c>Sweep:ScaledFromZero</c>), lower case.</summary>
    public static IReadOnlyList<string> AcceleratorList(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(k => k.ToLowerInvariant()).Distinct().ToList();

    /// <summary>host:port with a numeric address or localhost.</summary>
    public static IPEndPoint? ParseEndpoint(string text) =>
        IPEndPoint.TryParse(text.Replace("localhost", "127.0.0.1", StringComparison.OrdinalIgnoreCase), out var e) && e.Port > 0 ? e : null;

    private static string? Unreadable(IConfigurationSection setting)
    {
        var key = setting.Key;
        var property = typeof(SweepSiloOptions).GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
            return Renamed.TryGetValue(key, out var now)
                ? $"{S}:{key}: renamed to {S}:{now}, a duration hh:mm:ss[.fff] (e.g. 00:00:02)"
                : $"{S}:{key}: not a setting";
        var value = setting.Value;
        if (value is null && property.PropertyType == typeof(SweepAzureOptions)) return AzureSettings.UnknownKeys(setting);
        if (value is null) return null; // a nested section: the binder leaves these settings alone
        var nullable = Nullable.GetUnderlyingType(property.PropertyType);
        if (value.Length == 0) // unsets a nullable setting; the binder cannot read it as any other type but text
            return nullable is not null || property.PropertyType == typeof(string) ? null : $"{S}:{property.Name}: is empty (leave it out to keep the default)";
        var type = nullable ?? property.PropertyType;
        if (type.IsEnum)
            return Enum.GetNames(type).Contains(value.Trim(), StringComparer.OrdinalIgnoreCase) ? null : NotOneOf(property.Name, value, type);
        if (type == typeof(TimeSpan)) // "5" would read as five days
            return value.Contains(':') && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _) ? null
                : $"{S}:{property.Name}: '{value}' is not a duration hh:mm:ss[.fff] (e.g. 00:00:02)";
        if (type == typeof(int))
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"{S}:{property.Name}: '{value}' is not a whole number";
        if (type == typeof(bool))
            return bool.TryParse(value, out _) ? null : $"{S}:{property.Name}: '{value}' is not true or false";
        return null;
    }

    private static string NotOneOf(string setting, object value, Type choices) =>
        $"{S}:{setting}: '{value}' is not one of {string.Join(", ", Enum.GetNames(choices).Select(n => n.ToLowerInvariant()))}";
}
