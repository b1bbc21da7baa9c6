using Sweep.Client.Cli;

using var interrupts = new Interrupts(Console.Error);
return await new SweepApp(Console.Out, Console.Error).RunAsync(args, interrupts.Token);
