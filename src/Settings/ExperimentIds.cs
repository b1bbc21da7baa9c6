using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sweep.Settings;

/// <summary>
/// Experiment ids: <c>name-xxxxxxxx</c> where the suffix is a hash of the spec's canonical JSON, so that
/// submitting the same spec twice reaches the same experiment (idempotent submit) and a changed spec a new one.
/// </summary>
public static class ExperimentIds
{
    public static string Fingerprint(SweepSpec spec)
    {
        var json = JsonSerializer.Serialize(spec);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    public static string For(SweepSpec spec) => $"{spec.Name}-{Fingerprint(spec)[..8]}";
}
