namespace Sweep.Grains.Experiments;

/// <summary>How often an experiment pings its running trials and fills free slots.</summary>
public sealed record ExperimentTiming(TimeSpan PumpInterval);
