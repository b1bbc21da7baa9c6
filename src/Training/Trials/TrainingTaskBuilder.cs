using Sweep.Settings;
using Sweep.Training.Data;
using Sweep.Training.Trainer;

namespace Sweep.Training.Trials;

/// <summary>Loads the trial's data, tokenizes and batches it for the model's task.</summary>
internal static class TrainingTaskBuilder
{
    /// <summary>Eval sets are split with a fixed seed so every trial of a sweep is scored on the same items
    /// (paired tests such as McNemar need that); the trial seed orders training batches.</summary>
    public const long SplitSeed = 20250715;

    public static ITrainingTask Create(TrialSpec spec, PreparedTrial prepared, DataSources data)
    {
        var s = spec.Training;
        var tok = prepared.Model.Tokenizer;
        var maxLength = Math.Min(s.MaxLength, prepared.Model.MaxPositions);
        if (spec.Kind == TaskKind.Classification)
        {
            var d = data.LoadClassification(spec.Data);
            var train = Take(d.Train, s.MaxTrainExamples);
            var eval = Take(d.Eval, s.MaxEvalExamples);
            return new ClassificationTask(prepared.Model.Classifier!,
                ClassificationBatcher.Encode(train, tok, maxLength, s.BatchSize, spec.Seed, prepared.Device),
                ClassificationBatcher.Encode(eval, tok, maxLength, Math.Max(s.BatchSize, 32), spec.Seed, prepared.Device));
        }
        var lm = data.LoadLanguageModel(spec.Data);
        var trainBlocks = LmBlocks.Build(lm.Train, tok, maxLength, $"{spec.Data} (train)");
        var evalBlocks = LmBlocks.Build(lm.Eval, tok, maxLength, $"{spec.Data} (eval)");
        return new LanguageModelTask(prepared.Model.LanguageModel!,
            new LmBatcher(trainBlocks.Take(s.MaxTrainExamples), s.BatchSize, spec.Seed, prepared.Device),
            new LmBatcher(evalBlocks.Take(s.MaxEvalExamples), Math.Max(s.BatchSize, 8), spec.Seed, prepared.Device));
    }

    private static IReadOnlyList<T> Take<T>(IReadOnlyList<T> items, int? max) => max is int m && m < items.Count ? items.Take(m).ToList() : items;
}
