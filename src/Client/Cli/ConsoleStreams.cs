namespace Sweep.Client.Cli;

/// <summary>Where a verb writes: results and reports to <see cref="Out"/>, progress and errors to <see cref="Err"/>.</summary>
public sealed record ConsoleStreams(TextWriter Out, TextWriter Err);
