using TorchSharp;

namespace Sweep.Training.Weights;

/// <summary>
/// The dtype names of the safetensors header and the torch scalar types they stand for.
/// The supported set is what HF checkpoints use for weights; anything else is refused by name.
/// </summary>
public static class SafetensorsDType
{
    private static readonly DtypeNameTable Table = new("safetensors",
        ("F64", torch.ScalarType.Float64),
        ("F32", torch.ScalarType.Float32),
        ("F16", torch.ScalarType.Float16),
        ("BF16", torch.ScalarType.BFloat16),
        ("I64", torch.ScalarType.Int64),
        ("I32", torch.ScalarType.Int32),
        ("I16", torch.ScalarType.Int16),
        ("I8", torch.ScalarType.Int8),
        ("U8", torch.ScalarType.Byte),
        ("BOOL", torch.ScalarType.Bool)
    );

    /// <summary>The names this reader and writer accept, for error messages.</summary>
    public static string Supported => Table.Supported;

    public static bool TryParse(string name, out torch.ScalarType type) => Table.TryParse(name, out type);

    public static string NameOf(torch.ScalarType type) => Table.NameOf(type);

    /// <summary>Bytes per element of a supported scalar type.</summary>
    public static int SizeOf(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 or torch.ScalarType.Int64 => 8,
        torch.ScalarType.Float32 or torch.ScalarType.Int32 => 4,
        torch.ScalarType.Float16 or torch.ScalarType.BFloat16 or torch.ScalarType.Int16 => 2,
        torch.ScalarType.Int8 or torch.ScalarType.Byte or torch.ScalarType.Bool => 1,
        _ => throw new InvalidInputException($"unsupported dtype {type}; supported: {Supported}"),
    };
}
