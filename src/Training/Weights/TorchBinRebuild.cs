using Sweep.Training.Weights.Pickle;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The callables a state-dict pickle may REDUCE, rebuilt without Python: <c>collections.OrderedDict</c>,
/// <c>torch._utils._rebuild_tensor_v2</c> / <c>_rebuild_tensor</c>, <c>_rebuild_parameter</c> and
/// <c>torch._tensor._rebuild_from_type_v2</c>. Anything else stays an inert <see cref="PickleObject"/>.
/// </summary>
internal static class TorchBinRebuild
{
    public static object? Call(string path, PickleGlobal fn, object?[] args) => (fn.Module, fn.Name) switch
    {
        ("collections", "OrderedDict") or ("builtins", "dict") => new PickleDict(),
        ("torch._utils", "_rebuild_tensor_v2") or ("torch._utils", "_rebuild_tensor") => RebuildTensor(path, args),
        ("torch._utils", "_rebuild_parameter") or ("torch._utils", "_rebuild_parameter_with_state") =>
            args.Length > 0 && args[0] is Tensor t ? t : null,
        ("torch._tensor", "_rebuild_from_type_v2") =>
            args.Length >= 3 && args[0] is PickleGlobal inner && args[2] is object?[] innerArgs ? Call(path, inner, innerArgs) : null,
        _ => null,
    };

    /// <summary>storage.as_strided(size, stride, offset) after checking that the view stays inside the storage.</summary>
    private static Tensor RebuildTensor(string path, object?[] args)
    {
        if (args.Length < 4 || args[0] is not Tensor storage || args[1] is not long offset
            || args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems)
            throw new InvalidInputException($"{path}: corrupt PyTorch checkpoint: malformed _rebuild_tensor arguments");
        var size = Longs(path, sizeItems);
        var stride = Longs(path, strideItems);
        if (size.Length != stride.Length || size.Any(s => s < 0) || stride.Any(s => s < 0) || offset < 0)
            throw new InvalidInputException(
                $"{path}: corrupt PyTorch checkpoint: tensor size [{string.Join(", ", size)}] and stride [{string.Join(", ", stride)}] do not match");
        var last = offset;
        var empty = size.Any(s => s == 0);
        for (var i = 0; i < size.Length && !empty; i++)
            last += (size[i] - 1) * stride[i];
        if (!empty && last >= storage.NumberOfElements)
            throw new InvalidInputException(
                $"{path}: corrupt PyTorch checkpoint: a tensor of size [{string.Join(", ", size)}] at offset {offset} reaches element {last} of a storage with {storage.NumberOfElements}");
        return storage.as_strided(size, stride, offset).contiguous();
    }

    private static long[] Longs(string path, object?[] items) =>
        items.Select(i => i as long? ?? throw new InvalidInputException($"{path}: corrupt PyTorch checkpoint: non-integer size or stride")).ToArray();
}
