namespace Sweep.Analysis;

/// <summary>
/// Bad analysis input (a trials CSV that cannot be read as trials). The message names the file, the row and
/// column where known, and what is wrong; the console maps it to exit code 2.
/// </summary>
public sealed class AnalysisInputException(string message) : Exception(message);
