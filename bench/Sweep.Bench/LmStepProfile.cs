using System.Runtime.InteropServices;
using Sweep.Training.Adapters;
using Sweep.Training.Models;
using Sweep.Training.Trainer;
using static TorchSharp.torch;

namespace Sweep.Bench;

/// <summary>
/// Where one language-model training step spends its time: the step of <see cref="ChunkedLmLoss"/> taken apart into its
/// phases (transformer forward, per chunk the vocabulary projection, the softmax passes, the gradient products, then the
/// backward through the layers and the optimizer), for pretraining (every weight trains, the tied embedding included) and
/// for LoRA r=8 adaptation (the embedding frozen). Each phase is timed by the calling thread's CPU time: with one torch
/// thread libtorch runs every op on the caller, so the numbers do not count time the process waited for a CPU on a
/// shared machine. The phases repeat the loss's operations one by one; the loss itself is what the trainer runs.
/// </summary>
public sealed class LmStepProfile(Gpt2Config config, int batch, int seqLen, int steps, int chunkRows = ChunkedLmLoss.DefaultChunkRows)
{
    // the phases of the step as ChunkedLmLoss runs it, then alternatives timed on the same tensors (not part of the step)
    private static readonly string[] Phases =
        ["forward (embeddings + layers)", "Wᵀ copy (C, V)", "projection h·Wᵀ", "log_softmax", "exp, gather, − one-hot",
         "grad h = G·W", "grad Wᵀ = hᵀ·G, then (V, C) once", "surrogate + backward (layers)", "optimizer",
         "projection on W as stored (V, C)", "grad W = Gᵀ·h (V, C)", "softmax in one pass"];
    private const int FirstAlternative = 9;

    public void Run(TextWriter log)
    {
        log.WriteLine($"GPT-2-shaped model: {config.NLayer} layers, width {config.NEmbd}, vocabulary {config.VocabSize}; batch {batch} × {seqLen}; " +
            $"chunks of {chunkRows} rows; {steps} steps after 2 warm-up steps; torch threads {get_num_threads()}; thread CPU time per step");
        foreach (var pretraining in new[] { true, false })
        {
            var totals = Profile(pretraining);
            var sum = totals.Take(FirstAlternative).Sum();
            log.WriteLine(pretraining ? "pretraining (all weights train):" : "LoRA r=8 (embedding frozen):");
            for (var i = 0; i < Phases.Length; i++)
                if (totals[i] > 0)
                    log.WriteLine($"  {(i >= FirstAlternative ? "alternative: " : "") + Phases[i],-45} {totals[i] / steps * 1000,8:0.0} ms  {(i >= FirstAlternative ? "" : $"{totals[i] / sum:P0}")}");
            log.WriteLine($"  {"step",-45} {sum / steps * 1000,8:0.0} ms");
        }
    }

    private double[] Profile(bool pretraining)
    {
        manual_seed(1);
        using var model = new Gpt2LMHeadModel(config with { ResidPdrop = 0, EmbdPdrop = 0, AttnPdrop = 0 });
        if (!pretraining)
        {
            AdapterInjector.AttachLora(model, new AdapterPlan { Rank = 8, Dropout = 0, Targets = ["all-linear"] });
            AdapterInjector.FreezeAllButAdaptersAnd(model, []);
        }
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        using var optimizer = new AdamW(trainable.Select(p => (p.name, p.parameter, AdamW.DecaysParameter(p.name))), 0.01);
        using var ids = randint(0, config.VocabSize, [batch, seqLen], dtype: ScalarType.Int64);
        using var targets = randint(0, config.VocabSize, [batch * seqLen], dtype: ScalarType.Int64);
        var totals = new double[Phases.Length];
        for (var s = 0; s < steps + 2; s++)
        {
            var times = Step(model, optimizer, ids, targets);
            if (s >= 2) for (var i = 0; i < totals.Length; i++) totals[i] += times[i];
        }
        return totals;
    }

    private double[] Step(Gpt2LMHeadModel model, AdamW optimizer, Tensor ids, Tensor targets)
    {
        var t = new double[Phases.Length];
        using var scope = NewDisposeScope();
        var clock = ThreadClock.Start();
        var hidden = model.Hidden(ids).flatten(0, 1);
        t[0] = clock.Lap();
        var n = hidden.shape[0];
        var weight = model.OutputWeight;
        var gradHidden = zeros_like(hidden);
        var gradWeightT = weight.requires_grad ? zeros(weight.shape[1], weight.shape[0]) : null;
        using (no_grad())
        {
            var h = hidden.detach();
            var w = weight.detach();
            clock.Lap();
            var wT = w.t().contiguous();
            t[1] = clock.Lap();
            for (long start = 0; start < n; start += chunkRows)
            {
                using var chunk = NewDisposeScope();
                var rows = Math.Min(chunkRows, n - start);
                var hc = h.narrow(0, start, rows);
                var yc = targets.narrow(0, start, rows);
                clock.Lap();
                var logits = hc.matmul(wT);
                t[2] += clock.Lap();
                var logProbs = logits.log_softmax(-1);
                t[3] += clock.Lap();
                _ = logProbs.gather(1, yc.unsqueeze(1)).sum().item<float>();
                var g = logProbs.exp_();
                g.scatter_add_(1, yc.unsqueeze(1), full([rows, 1], -1f));
                t[4] += clock.Lap();
                gradHidden.narrow(0, start, rows).copy_(g.matmul(w).div_(n));
                t[5] += clock.Lap();
                gradWeightT?.addmm_(hc.t(), g, beta: 1, alpha: 1f / n);
                t[6] += clock.Lap();
                using (nn.functional.linear(hc, w)) t[9] += clock.Lap();
                if (gradWeightT is not null)
                {
                    using var earlier = g.t().matmul(hc).div_(n);
                    t[10] += clock.Lap();
                }
                using (logits.softmax(-1)) t[11] += clock.Lap();
            }
        }
        var gradWeight = gradWeightT?.t().contiguous();
        if (gradWeight is not null) t[6] += clock.Lap();
        var surrogate = hidden.mul(gradHidden).sum();
        if (gradWeight is not null) surrogate = surrogate.add(weight.mul(gradWeight).sum());
        surrogate.backward();
        t[7] = clock.Lap();
        optimizer.Update(1e-4);
        optimizer.ZeroGrad();
        t[8] = clock.Lap();
        return t;
    }

    /// <summary>The calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID), read lap by lap.</summary>
    private sealed class ThreadClock
    {
        private double _last;

        public static ThreadClock Start() => new() { _last = Now() };

        public double Lap()
        {
            var now = Now();
            var lap = now - _last;
            _last = now;
            return lap;
        }

        private static double Now() => clock_gettime(3, out var ts) == 0 ? ts.Seconds + ts.Nanoseconds * 1e-9 : throw new InvalidOperationException("clock_gettime failed");

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec { public long Seconds; public long Nanoseconds; }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
