namespace Sweep.Settings;

/// <summary>What a targetable linear does, for per-kind rank maps (the paper's Joint-3: attention 6, FFN 10).</summary>
public enum ModuleKind { Attention, FeedForward, Other }
