using Sweep.Client.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
return await new SweepApp(Console.Out, Console.Error).RunAsync(args, cts.Token);
