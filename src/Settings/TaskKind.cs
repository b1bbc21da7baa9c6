namespace Sweep.Settings;

/// <summary>What a task trains: a sequence classifier or a causal language model.</summary>
public enum TaskKind { Classification, LanguageModelling }

/// <summary>The spellings of <see cref="TaskKind"/> in specs and results.</summary>
public static class TaskKinds
{
    public const string Classification = "classification";
    public const string LanguageModelling = "language-modelling";

    public static string Name(TaskKind kind) => kind == TaskKind.LanguageModelling ? LanguageModelling : Classification;

    /// <summary>The kind a spec spells (anything but <see cref="LanguageModelling"/> is classification, as the spec reader only admits the two).</summary>
    public static TaskKind Parse(string name) => name == LanguageModelling ? TaskKind.LanguageModelling : TaskKind.Classification;
}
