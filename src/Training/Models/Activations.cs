using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>The activations HF configs name: gelu (exact, erf), gelu_new (tanh approximation), relu.</summary>
public static class Activations
{
    public static Tensor Apply(string name, Tensor x) => name switch
    {
        "gelu" => nn.functional.gelu(x),
        "gelu_new" or "gelu_pytorch_tanh" => GeluTanh(x),
        "relu" => nn.functional.relu(x),
        _ => throw new InvalidInputException($"activation '{name}' is not supported (gelu, gelu_new, relu)"),
    };

    // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    private static Tensor GeluTanh(Tensor x)
    {
        using var scope = NewDisposeScope();
        var inner = x.add(x.pow(3).mul(0.044715)).mul(Math.Sqrt(2.0 / Math.PI));
        return x.mul(0.5).mul(inner.tanh().add(1.0)).MoveToOuterDisposeScope();
    }
}
