using System.Globalization;
using Sweep.Settings;

namespace Sweep.Grains.Interfaces;

/// <summary>
/// Trial grain key: <c>experiment|trial id|accelerator|min device memory</c>. The placement need travels in the
/// key so that a trial reactivated after its silo died is placed by the same rule, whoever calls it.
/// </summary>
public static class TrialKey
{
    public static string Format(string experimentId, TrialPlan plan) =>
        string.Join('|', experimentId, plan.Id, plan.Placement.Accelerator, plan.Placement.MinDeviceMemory.ToString(CultureInfo.InvariantCulture));

    public static (string ExperimentId, string TrialId, PlacementSpec Need) Parse(string key)
    {
        var parts = key.Split('|');
        if (parts.Length != 4 || !long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var memory))
            throw new FormatException($"'{key}' is not a trial key (experiment|trial|accelerator|memory)");
        return (parts[0], parts[1], new PlacementSpec { Accelerator = parts[2], MinDeviceMemory = memory });
    }
}
