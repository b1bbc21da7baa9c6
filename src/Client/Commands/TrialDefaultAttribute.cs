using System.ComponentModel;

namespace Sweep.Client.Commands;

/// <summary>A trial option's default, taken from <see cref="TrialSpecOptions.Defaults"/>: the parser applies it and help shows it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TrialDefaultAttribute(string option) : DefaultValueAttribute(TrialSpecOptions.Defaults[option]);
