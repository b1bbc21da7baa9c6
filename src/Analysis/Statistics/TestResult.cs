namespace Sweep.Analysis.Statistics;

/// <summary>Outcome of one hypothesis test: the statistic, its two-sided (unless stated) p-value, and df where the test has one.</summary>
public sealed record TestResult(double Statistic, double P, int N, double? Df = null);
