using Sweep.Client.Cli;
using Sweep.Training.Isolation;

// `sweep __trial`: one trial in its own process, supervised by the embedded silo over stdin/stdout
if (args is [TrialProtocol.Verb]) return TrialChild.Run(Console.In, Console.OpenStandardOutput());

using var interrupts = new Interrupts(Console.Error);
return await new SweepApp(Console.Out, Console.Error).RunAsync(args, interrupts.Token);
