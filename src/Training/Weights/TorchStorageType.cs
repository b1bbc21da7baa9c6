using TorchSharp;

namespace Sweep.Training.Weights;

/// <summary>The legacy storage class names (<c>torch.FloatStorage</c> …) that <c>torch.save</c> pickles, and their dtypes.</summary>
public static class TorchStorageType
{
    private static readonly DtypeNameTable Table = new("pytorch_model.bin",
        ("DoubleStorage", torch.ScalarType.Float64),
        ("FloatStorage", torch.ScalarType.Float32),
        ("HalfStorage", torch.ScalarType.Float16),
        ("BFloat16Storage", torch.ScalarType.BFloat16),
        ("LongStorage", torch.ScalarType.Int64),
        ("IntStorage", torch.ScalarType.Int32),
        ("ShortStorage", torch.ScalarType.Int16),
        ("CharStorage", torch.ScalarType.Int8),
        ("ByteStorage", torch.ScalarType.Byte),
        ("BoolStorage", torch.ScalarType.Bool)
    );

    public static bool TryParse(string name, out torch.ScalarType type) => Table.TryParse(name, out type);

    public static string NameOf(torch.ScalarType type) => Table.NameOf(type);
}
