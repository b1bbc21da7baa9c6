namespace Sweep.Settings;

/// <summary>Accelerator kinds a silo advertises in its metadata and a spec may ask for.</summary>
public static class Accelerators
{
    public const string Cuda = "cuda";
    public const string Mps = "mps";
    public const string Cpu = "cpu";
    public const string Any = "any";

    public static readonly IReadOnlyList<string> Kinds = [Cuda, Mps, Cpu];

    public static bool IsKind(string value) => Kinds.Contains(value, StringComparer.Ordinal);
}
