using System.Diagnostics;
using Sweep.Spec;

namespace Sweep.Grains.Tests.Spec;

/// <summary>
/// Random mutations of the example specs (fixed seed): whatever the bytes, the loader returns a spec or a list of
/// problems, never an exception, and no single input takes long (a blow-up such as an alias bomb would). The bound is
/// per input and generous, so a loaded machine does not fail it; the loader's speed is not measured here.
/// </summary>
[Category(Category.Unit)]
public sealed class SpecFuzzTests
{
    public const int Inputs = 4000;
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    [Fact]
    public void Mutated_examples_give_a_spec_or_problems_and_nothing_else()
    {
        int valid = 0, invalid = 0;
        foreach (var yaml in SpecMutants.Generate(Inputs))
        {
            SpecLoadResult result;
            var watch = Stopwatch.StartNew();
            try { result = SpecLoader.Load(yaml); }
            catch (Exception e) { Assert.Fail($"{e.GetType().Name}: {e.Message}\ninput:\n{yaml}"); throw; }
            Assert.True(watch.Elapsed < PerInput, $"one input took {watch.Elapsed.TotalSeconds:0.0} s:\n{yaml}");
            if (result.IsValid) valid++;
            else
            {
                Assert.NotEmpty(result.Problems);
                Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
                invalid++;
            }
        }
        Assert.Equal(Inputs, valid + invalid);
        Assert.True(invalid > Inputs / 4, $"only {invalid} of {Inputs} mutants were refused: the mutations are too gentle to test anything");
    }
}
