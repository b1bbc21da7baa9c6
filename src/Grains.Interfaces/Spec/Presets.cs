namespace Sweep.Grains.Interfaces.Spec;

/// <summary>The six paper configurations (DESIGN.md contract) and which of them are AdaLoRA.</summary>
public static class Presets
{
    public static readonly IReadOnlyList<string> All = ["B-FP", "B-Q4", "B-Ada", "Joint-1", "Joint-2", "Joint-3"];

    /// <summary>AdaLoRA presets allocate their own ranks (init 12 → target 4): they are not swept over <c>ranks</c>.</summary>
    public static readonly IReadOnlySet<string> AdaLora = new HashSet<string>(StringComparer.Ordinal) { "B-Ada", "Joint-1", "Joint-2" };

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    public static string KnownList => string.Join(", ", All);
}

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
