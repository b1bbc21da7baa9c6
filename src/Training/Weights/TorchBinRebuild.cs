using Sweep.Training.Weights.Pickle;
using static TorchSharp.torch;

namespace Sweep.Training.Weights;

/// <summary>
/// The callables a state-dict pickle may REDUCE, rebuilt without Python: <c>collections.OrderedDict</c>,
/// <c>torch._utils._rebuild_tensor_v2</c> / <c>_rebuild_tensor</c>, <c>_rebuild_parameter</c> and
/// <c>torch._tensor._rebuild_from_type_v2</c>. Anything else stays an inert <see cref="PickleObject"/>.
/// A tensor is first a <see cref="Recipe"/> (storage, offset, size, stride) and becomes a tensor in
/// <see cref="Materialize"/>, once its storage's bytes are at hand (the legacy format stores them after the pickle).
/// </summary>
internal static class TorchBinRebuild
{
    /// <summary>A tensor as <c>_rebuild_tensor_v2</c> describes it: a view of <paramref name="Storage"/>.</summary>
    public sealed record Recipe(object Storage, long Offset, long[] Size, long[] Stride);

    public static object? Call(string path, PickleGlobal fn, object?[] args) => (fn.Module, fn.Name) switch
    {
        ("collections", "OrderedDict") or ("builtins", "dict") => new PickleDict(),
        ("torch._utils", "_rebuild_tensor_v2") or ("torch._utils", "_rebuild_tensor") => ToRecipe(path, args),
        ("torch._utils", "_rebuild_parameter") or ("torch._utils", "_rebuild_parameter_with_state") =>
            args.Length > 0 && args[0] is Recipe r ? r : null,
        ("torch._tensor", "_rebuild_from_type_v2") =>
            args.Length >= 3 && args[0] is PickleGlobal inner && args[2] is object?[] innerArgs ? Call(path, inner, innerArgs) : null,
        _ => null,
    };

    /// <summary>storage.as_strided(size, stride, offset), after checking that the view stays inside the storage.</summary>
    public static Tensor Materialize(string path, string name, Recipe r, Tensor storage)
    {
        var (size, stride, offset) = (r.Size, r.Stride, r.Offset);
        if (size.Length != stride.Length || size.Any(s => s < 0) || stride.Any(s => s < 0) || offset < 0)
            throw new InvalidInputException(
                $"{path}: corrupt PyTorch checkpoint: tensor '{name}' has size [{string.Join(", ", size)}] and stride [{string.Join(", ", stride)}] at offset {offset}");
        var last = offset;
        var empty = size.Any(s => s == 0);
        for (var i = 0; i < size.Length && !empty; i++)
            last += (size[i] - 1) * stride[i];
        if (!empty && last >= storage.NumberOfElements)
            throw new InvalidInputException(
                $"{path}: corrupt PyTorch checkpoint: tensor '{name}' of size [{string.Join(", ", size)}] at offset {offset} reaches element {last} of a storage with {storage.NumberOfElements}");
        return storage.as_strided(size, stride, offset).contiguous();
    }

    private static Recipe ToRecipe(string path, object?[] args)
    {
        if (args.Length < 4 || args[0] is null || args[1] is not long offset
            || args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems)
            throw new InvalidInputException($"{path}: corrupt PyTorch checkpoint: malformed _rebuild_tensor arguments");
        return new Recipe(args[0]!, offset, Longs(path, sizeItems), Longs(path, strideItems));
    }

    private static long[] Longs(string path, object?[] items) =>
        items.Select(i => i as long? ?? throw new InvalidInputException($"{path}: corrupt PyTorch checkpoint: non-integer size or stride")).ToArray();
}
