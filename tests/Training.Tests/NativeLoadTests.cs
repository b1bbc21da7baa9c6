using TorchSharp;

namespace Sweep.Training.Tests;

[Category(Category.Unit)]
public sealed class NativeLoadTests
{
    [Fact]
    public void LibTorchLoadsAndComputes()
    {
        // Fails with the loader's message if libLibTorchSharp.so (or libtorch) cannot load in this output.
        using var t = torch.arange(1, 5, dtype: torch.float32);
        Assert.Equal(10f, t.sum().item<float>());
    }
}
