using Sweep.Analysis.Reports;

namespace Sweep.Analysis.Tests;

[Category(Category.Unit)]
public sealed class PrecisionAsRunTests
{
    private static TrialRecord Ran(string preset, string baseDtype, string computeDtype) =>
        new("t", preset, 1, "Completed", new Dictionary<string, double>(), BaseDtype: baseDtype, ComputeDtype: computeDtype);

    [Fact]
    public void A_16_bit_preset_that_ran_in_fp32_says_so_and_one_that_ran_16_bit_does_not()
    {
        Assert.Equal("LoRA r=8, 16-bit base (ran with an fp32 base: no 16-bit type on the device)",
            PrecisionAsRun.Describe("B-FP", [Ran("B-FP", "fp32", "fp32"), Ran("B-FP", "fp32", "fp32")]));
        Assert.Equal("LoRA r=8, 16-bit base", PrecisionAsRun.Describe("B-FP", [Ran("B-FP", "bf16", "bf16")]));
        Assert.Equal("LoRA r=8, 16-bit base (1 of 2 trials ran with an fp32 base)",
            PrecisionAsRun.Describe("B-FP", [Ran("B-FP", "fp16", "fp16"), Ran("B-FP", "fp32", "fp32")]));
    }

    [Fact]
    public void Mixed_precision_is_judged_by_its_compute_and_other_presets_and_unknown_dtypes_get_no_note()
    {
        Assert.Equal("AdaLoRA 12→4, mixed precision (ran with an fp32 compute: no 16-bit type on the device)",
            PrecisionAsRun.Describe("Joint-2", [Ran("Joint-2", "fp32", "fp32")]));
        Assert.Equal("AdaLoRA 12→4, mixed precision", PrecisionAsRun.Describe("Joint-2", [Ran("Joint-2", "fp32", "bf16")]));
        Assert.Equal("LoRA r=8, NF4 4-bit base (QLoRA)", PrecisionAsRun.Describe("B-Q4", [Ran("B-Q4", "nf4", "fp32")]));
        Assert.Equal("LoRA r=8, 16-bit base", PrecisionAsRun.Describe("B-FP", [Ran("B-FP", "", "")])); // a file without dtypes
        Assert.Equal("", PrecisionAsRun.Describe("my-preset", [Ran("my-preset", "fp32", "fp32")]));
    }
}
